package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
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

/** The {@code subnets} table with its allocation pools and host routes. */
@ApplicationScoped
public class SubnetRepository {

    private static final String COLUMNS = "s.id, s.network_id, s.project_id, s.name, s.ip_version, s.cidr::text as cidr, "
            + "host(s.gateway_ip) as gateway_ip, s.enable_dhcp, s.ipv6_ra_mode, s.ipv6_address_mode, s.dns_nameservers, s.subnetpool_id, "
            + StandardAttributes.columns("s");

    public static final ResourceColumns LISTING = new ResourceColumns("subnets", "s", "subnets")
            .column("id", Column.text("s.id"))
            .column("name", Column.text("s.name"))
            .column("description", Column.text("s.description"))
            .column("network_id", Column.text("s.network_id"))
            .column("project_id", Column.text("s.project_id"))
            .column("tenant_id", Column.text("s.project_id"))
            .column("ip_version", Column.integer("s.ip_version"))
            .column("cidr", Column.text("s.cidr::text"))
            .column("gateway_ip", Column.inet("s.gateway_ip"))
            .column("enable_dhcp", Column.bool("s.enable_dhcp"))
            .column("ipv6_ra_mode", Column.nullableText("s.ipv6_ra_mode"))
            .column("ipv6_address_mode", Column.nullableText("s.ipv6_address_mode"))
            .column("revision_number", Column.integer("s.revision_number"))
            .column("created_at", Column.time("s.created_at"))
            .column("updated_at", Column.time("s.updated_at"))
            .column("subnetpool_id", Column.nullableText("s.subnetpool_id"));

    private final Db db;

    public SubnetRepository(Db db) {
        this.db = db;
    }

    public void insert(SubnetRow s) {
        db.update("insert into subnets (id, network_id, project_id, name, description, ip_version, cidr, gateway_ip, "
                + "enable_dhcp, ipv6_ra_mode, ipv6_address_mode, dns_nameservers, subnetpool_id) "
                + "values (?, ?, ?, ?, ?, ?, ?::cidr, ?::inet, ?, ?, ?, ?, ?)", s.id(), s.networkId(), s.projectId(),
                s.name(), s.standard().description(), s.ipVersion(), s.cidr(), s.gatewayIp(), s.enableDhcp(),
                s.ipv6RaMode(), s.ipv6AddressMode(), s.dnsNameservers(), s.subnetpoolId());
        replacePools(s.id(), s.allocationPools());
        replaceHostRoutes(s.id(), s.hostRoutes());
    }

    public void replacePools(String subnetId, List<IpRange> pools) {
        db.update("delete from subnet_allocation_pools where subnet_id = ?", subnetId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            rows.add(new Object[] {subnetId, i, pools.get(i).first().toString(), pools.get(i).last().toString()});
        }
        db.batch("insert into subnet_allocation_pools (subnet_id, position, first_ip, last_ip) "
                + "values (?, ?, ?::inet, ?::inet)", rows);
    }

    public void replaceHostRoutes(String subnetId, List<Route> routes) {
        db.update("delete from subnet_host_routes where subnet_id = ?", subnetId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            rows.add(new Object[] {subnetId, i, routes.get(i).destination(), routes.get(i).nexthop()});
        }
        db.batch("insert into subnet_host_routes (subnet_id, position, destination, nexthop) values (?, ?, ?, ?)", rows);
    }

    public Optional<SubnetRow> find(String id) {
        return withChildren(db.list("select " + COLUMNS + " from subnets s where s.id = ?", SubnetRepository::row, id))
                .stream().findFirst();
    }

    public List<SubnetRow> findAll(List<String> ids) {
        return withChildren(db.list("select " + COLUMNS + " from subnets s where s.id = any(?)", SubnetRepository::row,
                ids));
    }

    /** The network's subnets in creation order. */
    public List<SubnetRow> byNetwork(String networkId) {
        return withChildren(db.list("select " + COLUMNS + " from subnets s where s.network_id = ? "
                + "order by s.created_at, s.id", SubnetRepository::row, networkId));
    }

    public Optional<List<SubnetRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(withChildren(
                db.list(page.sql(COLUMNS, LISTING.from()), SubnetRepository::row, page.where().params().toArray()))));
    }

    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "subnets", id, columns);
    }

    public boolean delete(String id) {
        return db.update("delete from subnets where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from subnets where project_id = ?", projectId);
    }

    private List<SubnetRow> withChildren(List<SubnetRow> subnets) {
        if (subnets.isEmpty()) {
            return subnets;
        }
        List<String> ids = subnets.stream().map(SubnetRow::id).toList();
        Map<String, List<IpRange>> pools = new HashMap<>();
        db.list("select subnet_id, host(first_ip), host(last_ip) from subnet_allocation_pools where subnet_id = any(?) "
                + "order by subnet_id, position", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                ids).forEach(r -> pools.computeIfAbsent(r[0], k -> new ArrayList<>())
                        .add(new IpRange(IpAddress.of(r[1]), IpAddress.of(r[2]))));
        Map<String, List<Route>> routes = new HashMap<>();
        db.list("select subnet_id, destination, nexthop from subnet_host_routes where subnet_id = any(?) "
                + "order by subnet_id, position", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                ids).forEach(r -> routes.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Route(r[1], r[2])));
        return subnets.stream().map(s -> new SubnetRow(s.id(), s.networkId(), s.projectId(), s.name(), s.ipVersion(),
                s.cidr(), s.gatewayIp(), s.enableDhcp(), s.ipv6RaMode(), s.ipv6AddressMode(), s.dnsNameservers(),
                pools.getOrDefault(s.id(), List.of()), routes.getOrDefault(s.id(), List.of()), s.subnetpoolId(),
                s.standard())).toList();
    }

    static SubnetRow row(ResultSet rs) throws SQLException {
        return new SubnetRow(rs.getString("id"), rs.getString("network_id"), rs.getString("project_id"),
                rs.getString("name"), rs.getInt("ip_version"), rs.getString("cidr"), rs.getString("gateway_ip"),
                rs.getBoolean("enable_dhcp"), rs.getString("ipv6_ra_mode"), rs.getString("ipv6_address_mode"),
                Db.strings(rs, "dns_nameservers"), List.of(), List.of(), rs.getString("subnetpool_id"),
                StandardAttributes.read(rs));
    }
}
