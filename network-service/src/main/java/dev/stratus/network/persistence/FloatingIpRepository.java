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
import java.util.List;
import java.util.Optional;

/** The {@code floating_ips} table. */
@ApplicationScoped
public class FloatingIpRepository {

    private static final String COLUMNS = "f.id, f.project_id, f.floating_network_id, host(f.floating_ip_address) as "
            + "floating_ip_address, f.floating_port_id, f.fixed_port_id, host(f.fixed_ip_address) as fixed_ip_address, "
            + "f.router_id, f.status, f.dns_name, f.dns_domain, " + StandardAttributes.columns("f");

    public static final ResourceColumns LISTING = new ResourceColumns("floating_ips", "f", "floatingips")
            .column("id", Column.text("f.id"))
            .column("description", Column.text("f.description"))
            .column("project_id", Column.text("f.project_id"))
            .column("tenant_id", Column.text("f.project_id"))
            .column("floating_network_id", Column.text("f.floating_network_id"))
            .column("floating_ip_address", Column.inet("f.floating_ip_address"))
            .column("port_id", Column.nullableText("f.fixed_port_id"))
            .column("fixed_ip_address", Column.inet("f.fixed_ip_address"))
            .column("router_id", Column.nullableText("f.router_id"))
            .column("status", Column.text("f.status"))
            .column("revision_number", Column.integer("f.revision_number"))
            .column("created_at", Column.time("f.created_at"))
            .column("updated_at", Column.time("f.updated_at"));

    private final Db db;

    public FloatingIpRepository(Db db) {
        this.db = db;
    }

    public void insert(FloatingIpRow f) {
        db.update("insert into floating_ips (id, project_id, floating_network_id, floating_ip_address, floating_port_id, "
                + "status, description, dns_name, dns_domain) values (?, ?, ?, ?::inet, ?, ?, ?, ?, ?)", f.id(),
                f.projectId(), f.floatingNetworkId(), f.floatingIpAddress(), f.floatingPortId(), f.status(),
                f.standard().description(), f.dnsName(), f.dnsDomain());
    }

    public Optional<FloatingIpRow> find(String id) {
        return db.one("select " + COLUMNS + " from floating_ips f where f.id = ?", FloatingIpRepository::row, id);
    }

    public Optional<FloatingIpRow> lock(String id) {
        return db.one("select " + COLUMNS + " from floating_ips f where f.id = ? for update", FloatingIpRepository::row,
                id);
    }

    public Optional<List<FloatingIpRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(
                db.list(page.sql(COLUMNS, LISTING.from()), FloatingIpRepository::row, page.where().params().toArray())));
    }

    /** The floating IP of a fixed address on an external network, if one exists. */
    public Optional<FloatingIpRow> byFixed(String networkId, String portId, String fixedIp) {
        return db.one("select " + COLUMNS + " from floating_ips f where f.floating_network_id = ? and f.fixed_port_id = ? "
                + "and f.fixed_ip_address = ?::inet", FloatingIpRepository::row, networkId, portId, fixedIp);
    }

    public List<FloatingIpRow> byFixedPort(String portId) {
        return db.list("select " + COLUMNS + " from floating_ips f where f.fixed_port_id = ?", FloatingIpRepository::row,
                portId);
    }

    /** The floating IPs allocated from an external network, locked. */
    public List<FloatingIpRow> lockByNetwork(String networkId) {
        return db.list("select " + COLUMNS + " from floating_ips f where f.floating_network_id = ? order by f.id for update",
                FloatingIpRepository::row, networkId);
    }

    public List<FloatingIpRow> byRouter(String routerId) {
        return db.list("select " + COLUMNS + " from floating_ips f where f.router_id = ?", FloatingIpRepository::row,
                routerId);
    }

    /** Associates (all three non-null) or disassociates (all null), setting the status to match. */
    public void associate(String id, String portId, String fixedIp, String routerId, String status) {
        db.update("update floating_ips set fixed_port_id = ?, fixed_ip_address = ?::inet, router_id = ?, status = ?, "
                + StandardAttributes.BUMP + " where id = ?", portId, fixedIp, routerId, status, id);
    }

    public void updateDescription(String id, String description) {
        db.update("update floating_ips set description = ?, " + StandardAttributes.BUMP + " where id = ?", description, id);
    }

    public boolean delete(String id) {
        return db.update("delete from floating_ips where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from floating_ips where project_id = ?", projectId);
    }

    static FloatingIpRow row(ResultSet rs) throws SQLException {
        return new FloatingIpRow(rs.getString("id"), rs.getString("project_id"), rs.getString("floating_network_id"),
                rs.getString("floating_ip_address"), rs.getString("floating_port_id"), rs.getString("fixed_port_id"),
                rs.getString("fixed_ip_address"), rs.getString("router_id"), rs.getString("status"),
                rs.getString("dns_name"), rs.getString("dns_domain"), StandardAttributes.read(rs));
    }
}
