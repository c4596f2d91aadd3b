package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Key pairs, owned by users (not projects), unique by name per user. */
@ApplicationScoped
public class KeypairRepository {

    private static final String COLUMNS = "id, user_id, name, fingerprint, public_key, type, created_at";

    private final Db db;

    public KeypairRepository(Db db) {
        this.db = db;
    }

    public Optional<KeypairRow> find(String userId, String name) {
        return db.one("select " + COLUMNS + " from key_pairs where user_id = ? and name = ?", KeypairRepository::row,
                userId, name);
    }

    /** Up to {@code limit + 1} key pairs of a user by name, after {@code marker}. */
    public List<KeypairRow> list(String userId, String marker, int limit) {
        if (marker == null) {
            return db.list("select " + COLUMNS + " from key_pairs where user_id = ? order by name limit ?",
                    KeypairRepository::row, userId, limit + 1);
        }
        return db.list("select " + COLUMNS + " from key_pairs where user_id = ? and name > ? order by name limit ?",
                KeypairRepository::row, userId, marker, limit + 1);
    }

    public long count(String userId) {
        return db.count("select count(*) from key_pairs where user_id = ?", userId);
    }

    /** False when the user already has a key pair of that name. */
    public boolean insert(String userId, String name, String fingerprint, String publicKey, String type) {
        return db.update("insert into key_pairs (user_id, name, fingerprint, public_key, type) values (?, ?, ?, ?, ?)"
                + " on conflict do nothing", userId, name, fingerprint, publicKey, type) > 0;
    }

    public boolean delete(String userId, String name) {
        return db.update("delete from key_pairs where user_id = ? and name = ?", userId, name) > 0;
    }

    static KeypairRow row(ResultSet rs) throws SQLException {
        return new KeypairRow(rs.getLong("id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("fingerprint"), rs.getString("public_key"), rs.getString("type"),
                Db.instant(rs, "created_at"));
    }
}
