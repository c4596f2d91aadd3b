package dev.stratus.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.stratus.deploy.DatabaseProvisioner;
import dev.stratus.deploy.EmbeddedPostgresServer;
import dev.stratus.deploy.TcpProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL databases for tests of other modules (add stratus-deploy with test scope).
 *
 * <p>The server is chosen once per JVM: the one at {@code STRATUS_TEST_DB_HOST}:{@code STRATUS_TEST_DB_PORT}
 * (default 127.0.0.1:5432, user {@code STRATUS_TEST_DB_USER} default {@code postgres}, password
 * {@code STRATUS_TEST_DB_PASSWORD} default empty) when it accepts connections; otherwise one embedded
 * PostgreSQL started on a free random port, stopped and deleted when the JVM exits.
 * {@code STRATUS_TEST_DB_EMBEDDED=true} skips the probe and always uses the embedded one. Each setting
 * is read from the system property of that name, else from the environment.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabases.ensure("keystone_test");
 * Map<String, String> config = db.quarkusConfig(); // e.g. from a QuarkusTestResourceLifecycleManager
 * }</pre>
 */
public final class TestDatabases {

    public static final String HOST = "STRATUS_TEST_DB_HOST";
    public static final String PORT = "STRATUS_TEST_DB_PORT";
    public static final String USER = "STRATUS_TEST_DB_USER";
    public static final String PASSWORD = "STRATUS_TEST_DB_PASSWORD";
    public static final String EMBEDDED = "STRATUS_TEST_DB_EMBEDDED";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final int START_ATTEMPTS = 3;

    private static TestDatabaseServer server;
    private static EmbeddedPostgresServer embedded;

    private TestDatabases() {
    }

    /** Creates the database unless it exists (safe when several JVMs do it at once); returns where it is. */
    public static TestDatabase ensure(String databaseName) {
        TestDatabaseServer chosen = server();
        try {
            new DatabaseProvisioner(chosen.host(), chosen.port(), chosen.user(), chosen.password())
                    .ensureDatabase(databaseName);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + databaseName + " on "
                    + chosen.host() + ":" + chosen.port() + ": " + e.getMessage(), e);
        }
        return chosen.database(databaseName);
    }

    /** The server of this JVM's test databases; the first call decides (and may start it). */
    public static synchronized TestDatabaseServer server() {
        if (server == null) {
            server = external(TestSettings.fromSystem()).orElseGet(() -> {
                embedded = startEmbedded();
                return new TestDatabaseServer(embedded.host(), embedded.port(), embedded.superuser(), "", true);
            });
            LOG.info("test databases on {}:{} ({})", server.host(), server.port(),
                    server.embedded() ? "embedded, started in " + embedded.startupTime().toMillis() + " ms" : "external");
        }
        return server;
    }

    static Optional<TestDatabaseServer> external(TestSettings settings) {
        if (settings.flag(EMBEDDED)) {
            return Optional.empty();
        }
        String host = settings.get(HOST, "127.0.0.1");
        int port = settings.port(PORT, 5432);
        if (!TcpProbe.isAccepting(host, port)) {
            LOG.info("no PostgreSQL at {}:{}, starting an embedded one", host, port);
            return Optional.empty();
        }
        return Optional.of(new TestDatabaseServer(host, port, settings.get(USER, "postgres"),
                settings.getAllowEmpty(PASSWORD, ""), false));
    }

    /** A fresh embedded server on a free port; its data directory is deleted when it stops. */
    static EmbeddedPostgresServer startEmbedded() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = FreePorts.pick();
            try {
                return EmbeddedPostgresServer.startEphemeral(port, dataDirectory());
            } catch (IOException | RuntimeException e) {
                // most likely the port was taken between picking and binding: try another one
                last = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
                LOG.warn("embedded PostgreSQL on port {} failed to start (attempt {}): {}", port, attempt, e.toString());
            }
        }
        throw new IllegalStateException("cannot start an embedded PostgreSQL for tests", last);
    }

    // below zonky's working directory, so that zonky's clean-up of stale directories also removes
    // what a killed test JVM left behind
    private static Path dataDirectory() {
        String zonkyDir = System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString());
        return Path.of(zonkyDir, "stratus-test-" + UUID.randomUUID());
    }
}
