package dev.stratus.scheduler.persistence;

import dev.stratus.common.fault.ApiException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Runs work in one JDBC transaction (READ COMMITTED; claims take explicit row locks). A deadlock or
 * serialization failure is retried a few times: the work must be repeatable, which every caller's is.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);
    private static final int RETRIES = 5;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (retryable(e) && attempt < RETRIES) {
                    LOG.debugf("Transaction retried after %s (attempt %d)", e.getSQLState(), attempt);
                    continue;
                }
                LOG.error("Placement database failure", e);
                throw new DatabaseException(e);
            }
        }
    }

    /** A read without a transaction of its own (autocommit). */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            LOG.error("Placement database failure", e);
            throw new DatabaseException(e);
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is closed next; the server rolls back.
        }
    }

    /** A database failure (logged with its cause), shown to REST clients as a 503, never a stack trace. */
    public static class DatabaseException extends ApiException {
        private final String sqlState;

        public DatabaseException(SQLException cause) {
            super(503, "The placement database could not complete the request; try again.");
            this.sqlState = cause.getSQLState();
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
