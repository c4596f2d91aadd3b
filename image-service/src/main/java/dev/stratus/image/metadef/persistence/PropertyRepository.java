package dev.stratus.image.metadef.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code metadef_properties} table: properties are unique by name within their namespace. */
@ApplicationScoped
public class PropertyRepository {

    private static final String COLUMNS = "id, namespace_id, name, json_schema, created_at, updated_at";

    private final Db db;

    public PropertyRepository(Db db) {
        this.db = db;
    }

    public List<PropertyRow> list(long namespaceId) {
        return db.list("select " + COLUMNS + " from metadef_properties where namespace_id = ? order by created_at, id",
                PropertyRepository::row, namespaceId);
    }

    public Optional<PropertyRow> find(long namespaceId, String name) {
        return db.one("select " + COLUMNS + " from metadef_properties where namespace_id = ? and name = ?",
                PropertyRepository::row, namespaceId, name);
    }

    /** The new property, or empty when the namespace has one of that name. */
    public Optional<PropertyRow> insert(long namespaceId, String name, ObjectNode schema) {
        return db.one("insert into metadef_properties (namespace_id, name, json_schema) values (?, ?, ?::json)"
                + " on conflict do nothing returning " + COLUMNS, PropertyRepository::row, namespaceId, name,
                JsonColumns.write(schema));
    }

    /** Renames and redefines; a name taken by another property is a unique violation. */
    public PropertyRow update(long id, String name, ObjectNode schema) {
        return db.one("update metadef_properties set name = ?, json_schema = ?::json, updated_at = now() where id = ?"
                + " returning " + COLUMNS, PropertyRepository::row, name, JsonColumns.write(schema), id)
                .orElseThrow();
    }

    public void delete(long id) {
        db.update("delete from metadef_properties where id = ?", id);
    }

    public void deleteAll(long namespaceId) {
        db.update("delete from metadef_properties where namespace_id = ?", namespaceId);
    }

    static PropertyRow row(ResultSet rs) throws SQLException {
        return new PropertyRow(rs.getLong("id"), rs.getLong("namespace_id"), rs.getString("name"),
                JsonColumns.read(rs.getString("json_schema")), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }
}
