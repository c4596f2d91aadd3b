package dev.stratus.common.persistence;

import java.sql.SQLException;

/** A statement failed; the SQL state lets callers tell a unique violation (23505) from an outage. */
public class PersistenceFailure extends RuntimeException {

    private final String sqlState;

    public PersistenceFailure(String sql, SQLException cause) {
        super("SQL failed: " + cause.getMessage() + " [" + sql.lines().findFirst().orElse("") + "]", cause);
        this.sqlState = cause.getSQLState();
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
