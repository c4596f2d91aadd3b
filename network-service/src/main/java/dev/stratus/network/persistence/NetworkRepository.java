package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code networks} table. */
@ApplicationScoped
public class NetworkRepository {

    private static final String COLUMNS = "n.id, n.project_id, n.name, n.admin_state_up, n.status, n.shared, "
            + "n.router_external, n.is_default, n.mtu, n.port_security_enabled, n.network_type, n.physical_network, "
            + "n.segmentation_id, n.availability_zone_hints, n.dns_domain, " + StandardAttributes.columns("n");

    public static final ResourceColumns LISTING = new ResourceColumns("networks", "n", "networks")
            .column("id", Column.text("n.id"))
            .column("name", Column.text("n.name"))
            .column("description", Column.text("n.description"))
            .column("project_id", Column.text("n.project_id"))
            .column("tenant_id", Column.text("n.project_id"))
            .column("admin_state_up", Column.bool("n.admin_state_up"))
            .column("status", Column.text("n.status"))
            .column("shared", Column.bool("n.shared"))
            .column("router:external", Column.bool("n.router_external"))
            .column("is_default", Column.bool("n.is_default"))
            .column("mtu", Column.integer("n.mtu"))
            .column("port_security_enabled", Column.bool("n.port_security_enabled"))
            .column("provider:network_type", Column.text("n.network_type"))
            .column("provider:physical_network", Column.nullableText("n.physical_network"))
            .column("provider:segmentation_id", Column.nullableInteger("n.segmentation_id"))
            .column("dns_domain", Column.text("n.dns_domain"))
            .column("revision_number", Column.integer("n.revision_number"))
            .column("created_at", Column.time("n.created_at"))
            .column("updated_at", Column.time("n.updated_at"));

    private final Db db;

    public NetworkRepository(Db db) {
        this.db = db;
    }

    public void insert(NetworkRow n) {
        db.update("insert into networks (id, project_id, name, description, admin_state_up, status, shared, "
                + "router_external, is_default, mtu, port_security_enabled, network_type, physical_network, "
                + "segmentation_id, availability_zone_hints, dns_domain) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                n.id(), n.projectId(), n.name(), n.standard().description(), n.adminStateUp(), n.status(), n.shared(),
                n.external(), n.isDefault(), n.mtu(), n.portSecurityEnabled(), n.networkType(), n.physicalNetwork(),
                n.segmentationId(), n.availabilityZoneHints(), n.dnsDomain());
    }

    public Optional<NetworkRow> find(String id) {
        return db.one("select " + COLUMNS + " from networks n where n.id = ?", NetworkRepository::row, id);
    }

    /** The network, locked until the transaction ends (its subnets and ports change one writer at a time). */
    public Optional<NetworkRow> lock(String id) {
        return db.one("select " + COLUMNS + " from networks n where n.id = ? for update", NetworkRepository::row, id);
    }

    /** The network, kept from being deleted until the transaction ends (a port or subnet is being added). */
    public Optional<NetworkRow> share(String id) {
        return db.one("select " + COLUMNS + " from networks n where n.id = ? for key share", NetworkRepository::row, id);
    }

    /** The default external network, if one is marked so. */
    public Optional<NetworkRow> findDefaultExternal() {
        return db.one("select " + COLUMNS + " from networks n where n.is_default", NetworkRepository::row);
    }

    public List<NetworkRow> findAll(List<String> ids) {
        return db.list("select " + COLUMNS + " from networks n where n.id = any(?)", NetworkRepository::row, ids);
    }

    /** One page; empty when the marker is not a network the caller sees. */
    public Optional<List<NetworkRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(
                db.list(page.sql(COLUMNS, LISTING.from()), NetworkRepository::row, page.where().params().toArray())));
    }

    /** Applies the given column values and bumps the revision; the map's keys are column names. */
    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "networks", id, columns);
    }

    public void bump(String id) {
        db.update("update networks set " + StandardAttributes.BUMP + " where id = ?", id);
    }

    public boolean delete(String id) {
        return db.update("delete from networks where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from networks where project_id = ?", projectId);
    }

    /** Subnet ids of each network, in creation order. */
    public Map<String, List<String>> subnetIds(List<String> networkIds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        networkIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        db.list("select network_id, id from subnets where network_id = any(?) order by created_at, id",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, networkIds)
                .forEach(r -> out.get(r[0]).add(r[1]));
        return out;
    }

    /** Whether another network already uses this segment. */
    public boolean segmentTaken(String type, String physicalNetwork, Integer segmentationId) {
        if ("flat".equals(type)) {
            return db.count("select count(*) from networks where network_type = 'flat' and physical_network = ?",
                    physicalNetwork) > 0;
        }
        return segmentationId != null && db.count("select count(*) from networks where network_type = ? and "
                + "coalesce(physical_network, '') = coalesce(?, '') and segmentation_id = ?", type, physicalNetwork,
                segmentationId) > 0;
    }

    /** The smallest free segmentation id of a type in [first, last], or empty when all are taken. */
    public Optional<Integer> freeSegment(String type, int first, int last) {
        return db.one("select s from generate_series(?, ?) s where not exists (select 1 from networks "
                + "where network_type = ? and segmentation_id = s) limit 1", rs -> rs.getInt(1), first, last, type);
    }

    static NetworkRow row(ResultSet rs) throws SQLException {
        return new NetworkRow(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getBoolean("admin_state_up"), rs.getString("status"), rs.getBoolean("shared"),
                rs.getBoolean("router_external"), rs.getBoolean("is_default"), rs.getInt("mtu"),
                rs.getBoolean("port_security_enabled"),
                rs.getString("network_type"), rs.getString("physical_network"), Db.integer(rs, "segmentation_id"),
                Db.strings(rs, "availability_zone_hints"), rs.getString("dns_domain"), StandardAttributes.read(rs));
    }
}
