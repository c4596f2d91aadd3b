package dev.stratus.network.persistence;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.StructuredValues.AddressPair;
import dev.stratus.network.ipam.IpAddress;
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

/** The {@code ports} table with each port's addresses, security groups and allowed address pairs. */
@ApplicationScoped
public class PortRepository {

    private static final String COLUMNS = "p.id, p.network_id, p.project_id, p.name, p.mac_address, p.admin_state_up, "
            + "p.status, p.device_id, p.device_owner, p.port_security_enabled, p.binding_host_id, p.binding_vnic_type, "
            + "p.binding_profile, p.binding_vif_type, p.binding_vif_details, p.dns_name, " + StandardAttributes.columns("p");

    public static final ResourceColumns LISTING = new ResourceColumns("ports", "p", "ports")
            .column("id", Column.text("p.id"))
            .column("name", Column.text("p.name"))
            .column("description", Column.text("p.description"))
            .column("network_id", Column.text("p.network_id"))
            .column("project_id", Column.text("p.project_id"))
            .column("tenant_id", Column.text("p.project_id"))
            .column("mac_address", Column.text("p.mac_address"))
            .column("admin_state_up", Column.bool("p.admin_state_up"))
            .column("status", Column.text("p.status"))
            .column("device_id", Column.text("p.device_id"))
            .column("device_owner", Column.text("p.device_owner"))
            .column("port_security_enabled", Column.bool("p.port_security_enabled"))
            .column("binding:host_id", Column.text("p.binding_host_id"))
            .column("binding:vnic_type", Column.text("p.binding_vnic_type"))
            .column("binding:vif_type", Column.text("p.binding_vif_type"))
            .column("dns_name", Column.text("p.dns_name"))
            .column("revision_number", Column.integer("p.revision_number"))
            .column("created_at", Column.time("p.created_at"))
            .column("updated_at", Column.time("p.updated_at"))
            .special("fixed_ips", PortRepository::fixedIpsFilter)
            .special("security_groups", values -> new Where().and("exists (select 1 from port_security_groups g "
                    + "where g.port_id = p.id and g.security_group_id = any(?))", values));

    private final Db db;

    public PortRepository(Db db) {
        this.db = db;
    }

    /** False when the network already has a port with this MAC address. */
    public boolean insert(PortRow p) {
        return db.update("insert into ports (id, network_id, project_id, name, description, mac_address, admin_state_up, "
                + "status, device_id, device_owner, port_security_enabled, binding_host_id, binding_vnic_type, "
                + "binding_profile, binding_vif_type, binding_vif_details, dns_name) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (network_id, mac_address) do nothing",
                p.id(), p.networkId(), p.projectId(), p.name(), p.standard().description(), p.macAddress(),
                p.adminStateUp(), p.status(), p.deviceId(), p.deviceOwner(), p.portSecurityEnabled(), p.bindingHostId(),
                p.vnicType(), p.bindingProfile(), p.vifType(), p.vifDetails(), p.dnsName()) > 0;
    }

    public boolean macInUse(String networkId, String mac, String exceptPortId) {
        return db.count("select count(*) from ports where network_id = ? and mac_address = ? and id <> ?", networkId,
                mac, exceptPortId == null ? "" : exceptPortId) > 0;
    }

    public Optional<PortRow> find(String id) {
        return withChildren(db.list("select " + COLUMNS + " from ports p where p.id = ?", PortRepository::row, id))
                .stream().findFirst();
    }

    /** The port, locked until the transaction ends. */
    public Optional<PortRow> lock(String id) {
        return withChildren(db.list("select " + COLUMNS + " from ports p where p.id = ? for update",
                PortRepository::row, id)).stream().findFirst();
    }

    public List<PortRow> findAll(List<String> ids) {
        return withChildren(db.list("select " + COLUMNS + " from ports p where p.id = any(?)", PortRepository::row, ids));
    }

    public List<PortRow> byNetwork(String networkId) {
        return withChildren(db.list("select " + COLUMNS + " from ports p where p.network_id = ? order by p.created_at, p.id",
                PortRepository::row, networkId));
    }

    public List<PortRow> byDevice(String deviceId, String deviceOwner) {
        return withChildren(db.list("select " + COLUMNS + " from ports p where p.device_id = ? and p.device_owner = ? "
                + "order by p.created_at, p.id", PortRepository::row, deviceId, deviceOwner));
    }

    /**
     * One page. Without a limit the children are read with the page's own condition rather than by a list of
     * ids (10,000 ids sent back make the array the largest part of the query).
     */
    public Optional<List<PortRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> {
            Object[] params = page.where().params().toArray();
            List<PortRow> rows = db.list(page.sql(COLUMNS, LISTING.from()), PortRepository::row, params);
            if (page.limit() != null) {
                return page.flip(withChildren(rows));
            }
            return withChildren(rows, "in (select p.id from ports p where " + page.where().sql() + ")", params);
        });
    }

    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "ports", id, columns);
    }

    public void bump(String id) {
        db.update("update ports set " + StandardAttributes.BUMP + " where id = ?", id);
    }

    /** Sets the status only if the port is still bound to {@code host}; false when it is not (or is gone). */
    public boolean updateStatusIfBound(String id, String host, String status) {
        return db.update("update ports set status = ?, " + StandardAttributes.BUMP
                + " where id = ? and binding_host_id = ? and status <> ?", status, id, host, status) > 0;
    }

    public boolean delete(String id) {
        return db.update("delete from ports where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from ports where project_id = ?", projectId);
    }

    public void replaceSecurityGroups(String portId, List<String> groupIds) {
        db.update("delete from port_security_groups where port_id = ?", portId);
        db.batch("insert into port_security_groups (port_id, security_group_id) values (?, ?)",
                groupIds.stream().map(g -> new Object[] {portId, g}).toList());
    }

    public void replaceAddressPairs(String portId, List<AddressPair> pairs) {
        db.update("delete from port_allowed_address_pairs where port_id = ?", portId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            rows.add(new Object[] {portId, i, pairs.get(i).ipAddress(), pairs.get(i).macAddress()});
        }
        db.batch("insert into port_allowed_address_pairs (port_id, position, ip_address, mac_address) "
                + "values (?, ?, ?, ?)", rows);
    }

    private List<PortRow> withChildren(List<PortRow> ports) {
        if (ports.isEmpty()) {
            return ports;
        }
        return withChildren(ports, "= any(?)", new Object[] {ports.stream().map(PortRow::id).toList()});
    }

    /** Fills in the children of {@code ports}, read for the ports whose id matches {@code idCondition}. */
    private List<PortRow> withChildren(List<PortRow> ports, String idCondition, Object[] params) {
        if (ports.isEmpty()) {
            return ports;
        }
        Map<String, List<PortRow.FixedIp>> ips = new HashMap<>();
        db.list("select port_id, subnet_id, host(ip_address) from ip_allocations where port_id " + idCondition
                + " order by port_id, ip_address", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                params).forEach(r -> ips.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new PortRow.FixedIp(r[1], r[2])));
        Map<String, List<String>> groups = new HashMap<>();
        db.list("select port_id, security_group_id from port_security_groups where port_id " + idCondition
                + " order by port_id, security_group_id", rs -> new String[] {rs.getString(1), rs.getString(2)}, params)
                .forEach(r -> groups.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        Map<String, List<AddressPair>> pairs = new HashMap<>();
        db.list("select port_id, ip_address, mac_address from port_allowed_address_pairs where port_id " + idCondition
                + " order by port_id, position", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                params).forEach(r -> pairs.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new AddressPair(r[1], r[2])));
        List<PortRow> out = new ArrayList<>(ports.size());
        for (PortRow p : ports) {
            out.add(new PortRow(p.id(), p.networkId(), p.projectId(), p.name(), p.macAddress(), p.adminStateUp(),
                    p.status(), p.deviceId(), p.deviceOwner(), p.portSecurityEnabled(), p.bindingHostId(), p.vnicType(),
                    p.bindingProfile(), p.vifType(), p.vifDetails(), p.dnsName(), ips.getOrDefault(p.id(), List.of()),
                    groups.getOrDefault(p.id(), List.of()), pairs.getOrDefault(p.id(), List.of()), p.standard()));
        }
        return out;
    }

    /**
     * {@code fixed_ips=ip_address=A&fixed_ips=subnet_id=S}: ports holding, on one allocation, one of the addresses
     * and one of the subnets (Neutron's reading); {@code ip_address_substr} matches part of the address.
     */
    static Where fixedIpsFilter(List<String> values) {
        List<String> addresses = new ArrayList<>();
        List<String> subnets = new ArrayList<>();
        List<String> substrings = new ArrayList<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq < 0) {
                throw Faults.invalidInput("'" + v + "' is not of the form <key>=[value]");
            }
            String key = v.substring(0, eq);
            String value = v.substring(eq + 1);
            switch (key) {
                case "ip_address" -> addresses.add(IpAddress.parse(value).map(IpAddress::toString).orElse(value));
                case "subnet_id" -> subnets.add(value);
                case "ip_address_substr" -> substrings.add("%" + value.replace("%", "\\%").replace("_", "\\_") + "%");
                default -> throw unknownFixedIpKey(key);
            }
        }
        StringBuilder sql = new StringBuilder("exists (select 1 from ip_allocations a where a.port_id = p.id");
        List<Object> params = new ArrayList<>();
        if (!addresses.isEmpty()) {
            sql.append(" and host(a.ip_address) = any(?)");
            params.add(addresses);
        }
        if (!subnets.isEmpty()) {
            sql.append(" and a.subnet_id = any(?)");
            params.add(subnets);
        }
        if (!substrings.isEmpty()) {
            sql.append(" and host(a.ip_address) like any(?)");
            params.add(substrings);
        }
        return new Where().and(sql.append(")").toString(), params.toArray());
    }

    private static ApiException unknownFixedIpKey(String key) {
        return Faults.badRequest("['" + key + "'] is invalid attribute for filtering");
    }

    static PortRow row(ResultSet rs) throws SQLException {
        return new PortRow(rs.getString("id"), rs.getString("network_id"), rs.getString("project_id"),
                rs.getString("name"), rs.getString("mac_address"), rs.getBoolean("admin_state_up"),
                rs.getString("status"), rs.getString("device_id"), rs.getString("device_owner"),
                rs.getBoolean("port_security_enabled"), rs.getString("binding_host_id"),
                rs.getString("binding_vnic_type"), rs.getString("binding_profile"), rs.getString("binding_vif_type"),
                rs.getString("binding_vif_details"), rs.getString("dns_name"), List.of(), List.of(), List.of(),
                StandardAttributes.read(rs));
    }
}
