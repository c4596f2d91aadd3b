package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code subnetpools} table with its prefixes. */
@ApplicationScoped
public class SubnetPoolRepository {

    private static final String COLUMNS = "sp.id, sp.project_id, sp.name, sp.ip_version, sp.default_prefixlen, "
            + "sp.min_prefixlen, sp.max_prefixlen, sp.default_quota, sp.shared, sp.is_default, sp.address_scope_id, "
            + StandardAttributes.columns("sp");

    public static final ResourceColumns LISTING = new ResourceColumns("subnetpools", "sp", "subnetpools")
            .column("id", Column.text("sp.id"))
            .column("name", Column.text("sp.name"))
            .column("description", Column.text("sp.description"))
            .column("project_id", Column.text("sp.project_id"))
            .column("tenant_id", Column.text("sp.project_id"))
            .column("ip_version", Column.integer("sp.ip_version"))
            .column("default_prefixlen", Column.integer("sp.default_prefixlen"))
            .column("min_prefixlen", Column.integer("sp.min_prefixlen"))
            .column("max_prefixlen", Column.integer("sp.max_prefixlen"))
            .column("default_quota", Column.nullableInteger("sp.default_quota"))
            .column("shared", Column.bool("sp.shared"))
            .column("is_default", Column.bool("sp.is_default"))
            .column("address_scope_id", Column.nullableText("sp.address_scope_id"))
            .column("revision_number", Column.integer("sp.revision_number"))
            .column("created_at", Column.time("sp.created_at"))
            .column("updated_at", Column.time("sp.updated_at"));

    private final Db db;

    public SubnetPoolRepository(Db db) {
        this.db = db;
    }

    public void insert(SubnetPoolRow p) {
        db.update("insert into subnetpools (id, project_id, name, description, ip_version, default_prefixlen, "
                + "min_prefixlen, max_prefixlen, default_quota, shared, is_default, address_scope_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.projectId(), p.name(),
                p.standard().description(), p.ipVersion(), p.defaultPrefixlen(), p.minPrefixlen(), p.maxPrefixlen(),
                p.defaultQuota(), p.shared(), p.isDefault(), p.addressScopeId());
        replacePrefixes(p.id(), p.prefixes());
    }

    public void replacePrefixes(String id, List<Cidr> prefixes) {
        db.update("delete from subnetpool_prefixes where subnetpool_id = ?", id);
        db.batch("insert into subnetpool_prefixes (subnetpool_id, cidr) values (?, ?::cidr)",
                prefixes.stream().map(c -> new Object[] {id, c.toString()}).toList());
    }

    public Optional<SubnetPoolRow> find(String id) {
        return withPrefixes(db.list("select " + COLUMNS + " from subnetpools sp where sp.id = ?",
                SubnetPoolRepository::row, id)).stream().findFirst();
    }

    /** The pool, locked until the transaction ends: allocations from it and its updates take turns. */
    public Optional<SubnetPoolRow> lock(String id) {
        return withPrefixes(db.list("select " + COLUMNS + " from subnetpools sp where sp.id = ? for update",
                SubnetPoolRepository::row, id)).stream().findFirst();
    }

    /** The default pool of an IP version among those {@code visibility} lets the caller see. */
    public Optional<SubnetPoolRow> findDefault(int ipVersion, Where visibility) {
        Where where = new Where().and("sp.is_default").and("sp.ip_version = ?", ipVersion).and(visibility);
        return withPrefixes(db.list("select " + COLUMNS + " from subnetpools sp where " + where.sql(),
                SubnetPoolRepository::row, where.params().toArray())).stream().findFirst();
    }

    public Optional<List<SubnetPoolRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(withPrefixes(
                db.list(page.sql(COLUMNS, LISTING.from()), SubnetPoolRepository::row, page.where().params().toArray()))));
    }

    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "subnetpools", id, columns);
    }

    public boolean delete(String id) {
        return db.update("delete from subnetpools where id = ?", id) > 0;
    }

    /** The CIDRs of the subnets allocated from the pool (optionally only a project's). */
    public List<Cidr> allocated(String id, String projectId) {
        return db.list("select cidr::text from subnets where subnetpool_id = ?"
                + (projectId == null ? "" : " and project_id = ?"), rs -> Cidr.of(rs.getString(1)),
                projectId == null ? new Object[] {id} : new Object[] {id, projectId});
    }

    public boolean inUse(String id) {
        return db.count("select count(*) from subnets where subnetpool_id = ?", id) > 0;
    }

    private List<SubnetPoolRow> withPrefixes(List<SubnetPoolRow> pools) {
        if (pools.isEmpty()) {
            return pools;
        }
        Map<String, List<Cidr>> prefixes = new HashMap<>();
        db.list("select subnetpool_id, cidr::text from subnetpool_prefixes where subnetpool_id = any(?) "
                + "order by subnetpool_id, cidr", rs -> new String[] {rs.getString(1), rs.getString(2)},
                pools.stream().map(SubnetPoolRow::id).toList())
                .forEach(r -> prefixes.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Cidr.of(r[1])));
        return pools.stream().map(p -> p.withPrefixes(prefixes.getOrDefault(p.id(), List.of()))).toList();
    }

    static SubnetPoolRow row(ResultSet rs) throws SQLException {
        int quota = rs.getInt("default_quota");
        Integer defaultQuota = rs.wasNull() ? null : quota;
        return new SubnetPoolRow(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getInt("ip_version"), rs.getInt("default_prefixlen"), rs.getInt("min_prefixlen"),
                rs.getInt("max_prefixlen"), defaultQuota, rs.getBoolean("shared"), rs.getBoolean("is_default"),
                rs.getString("address_scope_id"), List.of(), StandardAttributes.read(rs));
    }
}
