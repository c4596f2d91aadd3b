package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Console auth tokens by the hash of their token; expired rows are never answered and are swept on writes. */
@ApplicationScoped
public class ConsoleAuthTokenRepository {

    private final Db db;

    public ConsoleAuthTokenRepository(Db db) {
        this.db = db;
    }

    public void insert(String tokenHash, ConsoleAuthTokenRow row) {
        db.update("delete from console_auth_tokens where expires <= now()");
        db.update("insert into console_auth_tokens (token_hash, console_type, host, port, internal_access_path,"
                + " instance_uuid, access_url_base, expires) values (?, ?, ?, ?, ?, ?, ?, ?)", tokenHash,
                row.consoleType(), row.host(), row.port(), row.internalAccessPath(), row.instanceUuid(),
                row.accessUrlBase(), row.expires());
    }

    /** The token's row while it has not expired at {@code now}. */
    public Optional<ConsoleAuthTokenRow> findValid(String tokenHash, Instant now) {
        return db.one("select console_type, host, port, internal_access_path, instance_uuid, access_url_base, expires"
                + " from console_auth_tokens where token_hash = ? and expires > ?", ConsoleAuthTokenRepository::row,
                tokenHash, now);
    }

    /** A deleted server's tokens, inside the caller's transaction (Nova's clean_console_auths_for_instance). */
    public int deleteForInstance(String instanceUuid) {
        return db.update("delete from console_auth_tokens where instance_uuid = ?", instanceUuid);
    }

    private static ConsoleAuthTokenRow row(ResultSet rs) throws SQLException {
        return new ConsoleAuthTokenRow(rs.getString("console_type"), rs.getString("host"), rs.getInt("port"),
                rs.getString("internal_access_path"), rs.getString("instance_uuid"), rs.getString("access_url_base"),
                Db.instant(rs, "expires"));
    }
}
