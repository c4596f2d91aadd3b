package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Neutron's standard attributes of every resource: description, revision number and times. */
public record StandardAttributes(String description, long revisionNumber, Instant createdAt, Instant updatedAt) {

    /** The columns, for select lists ({@code alias.} prefixed). */
    public static String columns(String alias) {
        return alias + ".description, " + alias + ".revision_number, " + alias + ".created_at, " + alias
                + ".updated_at";
    }

    public static StandardAttributes read(ResultSet rs) throws SQLException {
        return new StandardAttributes(rs.getString("description"), rs.getLong("revision_number"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    /** What every update of a resource row also sets. */
    public static final String BUMP = "revision_number = revision_number + 1, updated_at = now()";
}
