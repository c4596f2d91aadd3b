package dev.stratus.image.metadef.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code metadef_objects} table: objects are unique by name within their namespace. */
@ApplicationScoped
public class ObjectRepository {

    private static final String COLUMNS =
            "id, namespace_id, name, description, required, json_schema, created_at, updated_at";

    private final Db db;

    public ObjectRepository(Db db) {
        this.db = db;
    }

    public List<ObjectRow> list(long namespaceId) {
        return db.list("select " + COLUMNS + " from metadef_objects where namespace_id = ? order by created_at, id",
                ObjectRepository::row, namespaceId);
    }

    public Optional<ObjectRow> find(long namespaceId, String name) {
        return db.one("select " + COLUMNS + " from metadef_objects where namespace_id = ? and name = ?",
                ObjectRepository::row, namespaceId, name);
    }

    /** The new object, or empty when the namespace has one of that name. */
    public Optional<ObjectRow> insert(long namespaceId, ObjectFields f) {
        return db.one("insert into metadef_objects (namespace_id, name, description, required, json_schema)"
                + " values (?, ?, ?, ?, ?::json) on conflict do nothing returning " + COLUMNS, ObjectRepository::row,
                namespaceId, f.name(), f.description(), f.required(), JsonColumns.write(f.properties()));
    }

    /** Replaces every attribute; a name taken by another object is a unique violation. */
    public ObjectRow update(long id, ObjectFields f) {
        return db.one("update metadef_objects set name = ?, description = ?, required = ?, json_schema = ?::json,"
                + " updated_at = now() where id = ? returning " + COLUMNS, ObjectRepository::row, f.name(),
                f.description(), f.required(), JsonColumns.write(f.properties()), id).orElseThrow();
    }

    public void delete(long id) {
        db.update("delete from metadef_objects where id = ?", id);
    }

    public void deleteAll(long namespaceId) {
        db.update("delete from metadef_objects where namespace_id = ?", namespaceId);
    }

    static ObjectRow row(ResultSet rs) throws SQLException {
        return new ObjectRow(rs.getLong("id"), rs.getLong("namespace_id"), rs.getString("name"),
                rs.getString("description"), Db.strings(rs, "required"), JsonColumns.read(rs.getString("json_schema")),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
