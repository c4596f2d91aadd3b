package dev.stratus.image.metadef.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code metadef_tags} table: tag names are unique within a namespace, ignoring case. */
@ApplicationScoped
public class TagRepository {

    /** Columns a tag list may be sorted by. */
    public static final Set<String> SORT_KEYS = Set.of("id", "name", "created_at", "updated_at");

    private static final String COLUMNS = "id, namespace_id, name, created_at, updated_at";

    private final Db db;

    public TagRepository(Db db) {
        this.db = db;
    }

    /** The namespace's tags sorted by {@code sortKey}, then {@code created_at} and {@code id}, in one direction. */
    public List<TagRow> list(long namespaceId, String sortKey, boolean ascending) {
        if (!SORT_KEYS.contains(sortKey)) {
            throw new IllegalArgumentException("not a tag column: " + sortKey);
        }
        String direction = ascending ? " asc" : " desc";
        StringBuilder order = new StringBuilder(sortKey).append(direction);
        if (!sortKey.equals("created_at") && !sortKey.equals("id")) {
            order.append(", created_at").append(direction);
        }
        if (!sortKey.equals("id")) {
            order.append(", id").append(direction);
        }
        return db.list("select " + COLUMNS + " from metadef_tags where namespace_id = ? order by " + order,
                TagRepository::row, namespaceId);
    }

    public Optional<TagRow> find(long namespaceId, String name) {
        return db.one("select " + COLUMNS + " from metadef_tags where namespace_id = ? and name = ?",
                TagRepository::row, namespaceId, name);
    }

    /** The tag whose name equals {@code name} but for case (the one a new tag of that name would clash with). */
    public Optional<TagRow> findIgnoringCase(long namespaceId, String name) {
        return db.one("select " + COLUMNS + " from metadef_tags where namespace_id = ? and lower(name) = lower(?)",
                TagRepository::row, namespaceId, name);
    }

    /** The new tag, or empty when the namespace has one of that name (in any case). */
    public Optional<TagRow> insert(long namespaceId, String name) {
        return db.one("insert into metadef_tags (namespace_id, name) values (?, ?) on conflict do nothing returning "
                + COLUMNS, TagRepository::row, namespaceId, name);
    }

    /** Renames; a name another tag has (in any case) is a unique violation. */
    public TagRow rename(long id, String name) {
        return db.one("update metadef_tags set name = ?, updated_at = now() where id = ? returning " + COLUMNS,
                TagRepository::row, name, id).orElseThrow();
    }

    public void delete(long id) {
        db.update("delete from metadef_tags where id = ?", id);
    }

    public void deleteAll(long namespaceId) {
        db.update("delete from metadef_tags where namespace_id = ?", namespaceId);
    }

    static TagRow row(ResultSet rs) throws SQLException {
        return new TagRow(rs.getLong("id"), rs.getLong("namespace_id"), rs.getString("name"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
