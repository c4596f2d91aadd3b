package dev.stratus.image.metadef.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code metadef_namespaces} table; deleting a namespace deletes its content (foreign keys cascade). */
@ApplicationScoped
public class NamespaceRepository {

    /** Columns a namespace list may be sorted by (Glance's model attributes). */
    public static final Set<String> SORT_KEYS = Set.of("id", "namespace", "display_name", "description",
            "visibility", "protected", "owner", "created_at", "updated_at");

    private static final String COLUMNS =
            "id, namespace, display_name, description, visibility, protected, owner, created_at, updated_at";

    private final Db db;

    public NamespaceRepository(Db db) {
        this.db = db;
    }

    public Optional<NamespaceRow> find(String namespace) {
        return db.one("select " + COLUMNS + " from metadef_namespaces where namespace = ?", NamespaceRepository::row,
                namespace);
    }

    /** The namespace, locked until the transaction ends (writers of one namespace go one at a time). */
    public Optional<NamespaceRow> lock(String namespace) {
        return db.one("select " + COLUMNS + " from metadef_namespaces where namespace = ? for update",
                NamespaceRepository::row, namespace);
    }

    /**
     * Namespaces matching a list call, sorted by {@code sortKey} then {@code created_at} and {@code id}, all in
     * {@code direction}; NULLs sort lowest, as in Glance on MySQL.
     *
     * @param visibleTo the caller's project; with {@code everything} false only its own and public namespaces
     * @param visibility {@code public} or {@code private}, or null for both
     * @param resourceTypes only namespaces associated with one of these resource types; null for all
     */
    public List<NamespaceRow> list(boolean everything, String visibleTo, String visibility, List<String> resourceTypes,
            String sortKey, boolean ascending) {
        if (!SORT_KEYS.contains(sortKey)) {
            throw new IllegalArgumentException("not a namespace column: " + sortKey);
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from metadef_namespaces where true");
        List<Object> params = new ArrayList<>();
        if (!everything) {
            if (visibleTo == null) {
                sql.append(" and visibility = 'public'");
            } else {
                sql.append(" and (visibility = 'public' or owner = ?)");
                params.add(visibleTo);
            }
        }
        if (visibility != null) {
            sql.append(" and visibility = ?");
            params.add(visibility);
        }
        if (resourceTypes != null) {
            sql.append(" and id in (select a.namespace_id from metadef_namespace_resource_types a"
                    + " join metadef_resource_types t on t.id = a.resource_type_id where t.name = any(?))");
            params.add(resourceTypes);
        }
        String direction = ascending ? " asc nulls first" : " desc nulls last";
        sql.append(" order by ").append(sortKey).append(direction);
        if (!sortKey.equals("created_at") && !sortKey.equals("id")) {
            sql.append(", created_at").append(direction);
        }
        if (!sortKey.equals("id")) {
            sql.append(", id").append(direction);
        }
        return db.list(sql.toString(), NamespaceRepository::row, params.toArray());
    }

    /** The new namespace, or empty when one of that name exists. */
    public Optional<NamespaceRow> insert(NamespaceFields f) {
        return db.one("insert into metadef_namespaces (namespace, display_name, description, visibility, protected,"
                + " owner) values (?, ?, ?, ?, ?, ?) on conflict do nothing returning " + COLUMNS,
                NamespaceRepository::row, f.namespace(), f.displayName(), f.description(), f.visibility(),
                f.isProtected(), f.owner());
    }

    /** Rewrites every client-set attribute (a rename included); a name taken by another is a unique violation. */
    public NamespaceRow update(long id, NamespaceFields f) {
        return db.one("update metadef_namespaces set namespace = ?, display_name = ?, description = ?,"
                + " visibility = ?, protected = ?, owner = ?, updated_at = now() where id = ? returning " + COLUMNS,
                NamespaceRepository::row, f.namespace(), f.displayName(), f.description(), f.visibility(),
                f.isProtected(), f.owner(), id).orElseThrow();
    }

    public void delete(long id) {
        db.update("delete from metadef_namespaces where id = ?", id);
    }

    static NamespaceRow row(ResultSet rs) throws SQLException {
        return new NamespaceRow(rs.getLong("id"), rs.getString("namespace"), rs.getString("display_name"),
                rs.getString("description"), rs.getString("visibility"), rs.getBoolean("protected"),
                rs.getString("owner"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
