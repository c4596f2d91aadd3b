package dev.stratus.deploy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates databases (and optionally their owner roles) on a PostgreSQL server, idempotently and safely
 * when several processes do it at once. Works through the {@code postgres} maintenance database.
 */
public final class DatabaseProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProvisioner.class);
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";
    /** A concurrent CREATE of the same name can also lose on the catalog's unique index. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** "source database template1 is being accessed by other users": transient, retried. */
    private static final String OBJECT_IN_USE = "55006";
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int CREATE_ATTEMPTS = 20;

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    /** @param password null or empty when the server trusts the user */
    public DatabaseProvisioner(String host, int port, String user, String password) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
    }

    /** Creates the database unless it exists. @return true if this call created it */
    public boolean ensureDatabase(String name) throws SQLException {
        return ensureDatabase(name, null);
    }

    /**
     * Creates the database unless it exists; with an owner, the database ends up owned by that role
     * (which must exist, see {@link #ensureRole}). @return true if this call created it
     */
    public boolean ensureDatabase(String name, String owner) throws SQLException {
        requireIdentifier("database name", name);
        if (owner != null) {
            requireIdentifier("owner", owner);
        }
        try (Connection connection = connect()) {
            boolean created = exists(connection, name) ? false : create(connection, name, owner);
            if (!created && owner != null) {
                execute(connection, "ALTER DATABASE " + quote(name) + " OWNER TO " + quote(owner));
            }
            LOG.info("database {} on {}:{} {}", name, host, port, created ? "created" : "already present");
            return created;
        }
    }

    /**
     * Creates a login role unless it exists; when it exists and a password is given, sets that password.
     * @param rolePassword null for a role without password (trust or peer authentication)
     * @return true if this call created the role
     */
    public boolean ensureRole(String role, String rolePassword) throws SQLException {
        requireIdentifier("role", role);
        String passwordClause = rolePassword == null ? "" : " PASSWORD " + literal(rolePassword);
        try (Connection connection = connect()) {
            if (!roleExists(connection, role)) {
                try {
                    execute(connection, "CREATE ROLE " + quote(role) + " LOGIN" + passwordClause);
                    return true;
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            execute(connection, "ALTER ROLE " + quote(role) + " LOGIN" + passwordClause);
            return false;
        }
    }

    public boolean databaseExists(String name) throws SQLException {
        try (Connection connection = connect()) {
            return exists(connection, name);
        }
    }

    /** Drops the database, disconnecting its sessions; no error if it does not exist. */
    public void dropDatabase(String name) throws SQLException {
        requireIdentifier("database name", name);
        try (Connection connection = connect()) {
            execute(connection, "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private boolean create(Connection connection, String name, String owner) throws SQLException {
        String sql = "CREATE DATABASE " + quote(name) + (owner == null ? "" : " OWNER " + quote(owner));
        for (int attempt = 1; ; attempt++) {
            try {
                execute(connection, sql);
                return true;
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (DUPLICATE_DATABASE.equals(state)
                        || UNIQUE_VIOLATION.equals(state) && exists(connection, name)) {
                    return false; // someone else created it first
                }
                if (!OBJECT_IN_USE.equals(state) || attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
                sleep(100L * attempt);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "stratus-deploy");
        return DriverManager.getConnection(jdbcUrl(MAINTENANCE_DATABASE), properties);
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        return queryHasRow(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name);
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        return queryHasRow(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
    }

    private static boolean queryHasRow(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // utility statements take no bind parameters; standard_conforming_strings (on by default since 9.1)
    // makes doubling the quote sufficient
    private static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("password must not contain NUL");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    static void requireIdentifier(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL");
        }
        // PostgreSQL would silently truncate a longer name
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException(what + " longer than " + MAX_IDENTIFIER_BYTES + " bytes: " + value);
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry CREATE DATABASE", e);
        }
    }
}
