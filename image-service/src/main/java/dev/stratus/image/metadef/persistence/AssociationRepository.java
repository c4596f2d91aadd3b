package dev.stratus.image.metadef.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code metadef_namespace_resource_types} table, read with the resource types' names. */
@ApplicationScoped
public class AssociationRepository {

    private static final String SELECT = "select a.namespace_id, a.resource_type_id, t.name, a.prefix,"
            + " a.properties_target, a.created_at, a.updated_at from metadef_namespace_resource_types a"
            + " join metadef_resource_types t on t.id = a.resource_type_id";

    private final Db db;

    public AssociationRepository(Db db) {
        this.db = db;
    }

    public List<AssociationRow> list(long namespaceId) {
        return db.list(SELECT + " where a.namespace_id = ? order by a.created_at, t.id", AssociationRepository::row,
                namespaceId);
    }

    /** The associations of many namespaces in one query. */
    public List<AssociationRow> listOf(Collection<Long> namespaceIds) {
        if (namespaceIds.isEmpty()) {
            return List.of();
        }
        return db.list(SELECT + " where a.namespace_id = any(?::bigint[]) order by a.created_at, t.id",
                AssociationRepository::row, namespaceIds);
    }

    public Optional<AssociationRow> find(long namespaceId, String resourceType) {
        return db.one(SELECT + " where a.namespace_id = ? and t.name = ?", AssociationRepository::row, namespaceId,
                resourceType);
    }

    /** The new association, or empty when the namespace is already associated with that type. */
    public Optional<AssociationRow> insert(long namespaceId, ResourceTypeRow type, String prefix,
            String propertiesTarget) {
        int inserted = db.update("insert into metadef_namespace_resource_types (namespace_id, resource_type_id, prefix,"
                + " properties_target) values (?, ?, ?, ?) on conflict do nothing", namespaceId, type.id(), prefix,
                propertiesTarget);
        return inserted == 0 ? Optional.empty() : find(namespaceId, type.name());
    }

    public void delete(long namespaceId, int resourceTypeId) {
        db.update("delete from metadef_namespace_resource_types where namespace_id = ? and resource_type_id = ?",
                namespaceId, resourceTypeId);
    }

    static AssociationRow row(ResultSet rs) throws SQLException {
        return new AssociationRow(rs.getLong("namespace_id"), rs.getInt("resource_type_id"), rs.getString("name"),
                rs.getString("prefix"), rs.getString("properties_target"), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }
}
