package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.StructuredValues.PoolRequest;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
import dev.stratus.network.ipam.Ipv6Modes;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.InetColumn;
import dev.stratus.network.persistence.IpAllocationRepository;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.SubnetPoolRow;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import dev.stratus.network.persistence.TagRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Subnets of a network: their addressing (given, or allocated from a subnet pool), the network's DHCP port, and
 * when they may go.
 */
@ApplicationScoped
public class SubnetService {

    private final SubnetRepository subnets;
    private final NetworkRepository networks;
    private final PortRepository ports;
    private final IpAllocationRepository allocations;
    private final TagRepository tags;
    private final SubnetRules rules;
    private final DhcpPorts dhcp;
    private final Quotas quotas;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;
    private final dev.stratus.common.persistence.Db db;
    private final IpAllocator ipam;
    private final SubnetPoolAllocator allocator;

    public SubnetService(SubnetRepository subnets, NetworkRepository networks, PortRepository ports,
            IpAllocationRepository allocations, TagRepository tags, SubnetRules rules, DhcpPorts dhcp, Quotas quotas,
            VisibleResources visible, Access access, NetworkChanges changes, dev.stratus.common.persistence.Db db,
            IpAllocator ipam, SubnetPoolAllocator allocator) {
        this.ipam = ipam;
        this.allocator = allocator;
        this.subnets = subnets;
        this.networks = networks;
        this.ports = ports;
        this.allocations = allocations;
        this.tags = tags;
        this.rules = rules;
        this.dhcp = dhcp;
        this.quotas = quotas;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
        this.db = db;
    }

    public List<SubnetDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_subnet");
        return details(subnets.list(query, Visibility.subnets(caller))
                .orElseThrow(() -> CoreFaults.subnetNotFound(query.marker())));
    }

    public SubnetDetails get(Caller caller, String id) {
        return details(List.of(visible.subnet(caller, id))).get(0);
    }

    @Transactional
    public List<SubnetDetails> create(Caller caller, List<RequestBody> bodies) {
        List<SubnetRow> created = new ArrayList<>();
        for (RequestBody body : bodies) {
            created.add(create(caller, body));
        }
        return details(created);
    }

    private SubnetRow create(Caller caller, RequestBody b) {
        NetworkRow network = visible.network(caller, b.string("network_id"));
        access.require(caller.admin() || (caller.member() && caller.owns(network.projectId())), "create_subnet");
        String project = access.owningProject(caller, b.string("project_id"));
        String requestedCidr = b.string("cidr");
        if (requestedCidr != null && b.integer("prefixlen") != null) {
            throw Faults.badRequest("subnets", "cidr and prefixlen must not be supplied together");
        }
        String poolId = allocator.poolId(caller, b.string("subnetpool_id"), b.bool("use_default_subnetpool"),
                requestedCidr, b.integer("ip_version"));
        if (poolId != null && requestedCidr == null && b.has("allocation_pools")) {
            throw Faults.badRequest("subnets", "allocation_pools allowed only for specific subnet requests.");
        }
        if (poolId == null && requestedCidr == null) {
            throw Faults.badRequest("subnets", "A cidr must be specified in the absence of a subnet pool");
        }
        quotas.check(project, "subnet", 1);
        network = networks.lock(network.id()).orElseThrow(() -> CoreFaults.networkNotFound(b.string("network_id")));
        int ipVersion = b.integer("ip_version");
        boolean enableDhcp = b.bool("enable_dhcp");
        boolean gatewayGiven = b.given("gateway_ip");
        Cidr cidr;
        if (poolId == null) {
            cidr = rules.cidr(requestedCidr, ipVersion, enableDhcp);
        } else {
            SubnetPoolRow pool = allocator.lock(caller, poolId, ipVersion);
            if (requestedCidr != null) {
                cidr = allocator.allocateSpecific(pool, project, rules.cidr(requestedCidr, ipVersion, enableDhcp));
            } else if (gatewayGiven && b.string("gateway_ip") != null) {
                // Neutron's SubnetRequestFactory: a gateway without a cidr asks for the prefix around it
                int length = b.integer("prefixlen") != null ? b.integer("prefixlen") : pool.defaultPrefixlen();
                cidr = allocator.allocateSpecific(pool, project, rules.cidr(Cidr.containing(
                        IpAddress.of(b.string("gateway_ip")), length).toString(), ipVersion, enableDhcp));
            } else {
                cidr = rules.cidr(allocator.allocateAny(pool, project, b.integer("prefixlen")).toString(), ipVersion,
                        enableDhcp);
                gatewayGiven = false;
            }
        }
        IpAddress gateway = rules.gateway(cidr, gatewayGiven, b.string("gateway_ip"));
        rules.overlapsNone(cidr, network.id(), subnets.byNetwork(network.id()));
        List<IpRange> pools = rules.pools(cidr, gateway, b.has("allocation_pools") ? b.list("allocation_pools") : null);
        List<String> nameservers = b.has("dns_nameservers") ? b.list("dns_nameservers") : List.of();
        rules.nameservers("new subnet", ipVersion, nameservers);
        List<Route> routes = b.has("host_routes") ? b.list("host_routes") : List.of();
        rules.hostRoutes("new subnet", ipVersion, routes);
        rules.ipv6Modes(ipVersion, cidr, b.string("ipv6_ra_mode"), b.string("ipv6_address_mode"), enableDhcp);
        SubnetRow row = new SubnetRow(UUID.randomUUID().toString(), network.id(), project, b.string("name"), ipVersion,
                cidr.toString(), gateway == null ? null : gateway.toString(), enableDhcp, b.string("ipv6_ra_mode"),
                b.string("ipv6_address_mode"), nameservers, pools, routes, poolId,
                new StandardAttributes(b.string("description"), 1, null, null));
        subnets.insert(row);
        SubnetRow stored = subnets.find(row.id()).orElseThrow();
        List<PortRow> addressed = stored.autoAddress() ? addressPorts(stored) : List.of();
        if (enableDhcp) {
            dhcp.serve(network, stored);
        }
        networks.bump(network.id());
        changes.changed(NetworkChange.Kind.SUBNET, List.of(row.id(), network.id()), List.of(), List.of());
        if (!addressed.isEmpty()) {
            changes.changed(NetworkChange.Kind.PORT, addressed.stream().map(PortRow::id).toList(),
                    addressed.stream().map(PortRow::bindingHostId).toList(),
                    addressed.stream().map(PortRow::deviceId).toList());
        }
        return stored;
    }

    /**
     * A new SLAAC or DHCPv6-stateless subnet gives every port of its network but router interfaces its EUI-64
     * address (Neutron's add_auto_addrs_on_network_ports). Returns the ports addressed.
     */
    private List<PortRow> addressPorts(SubnetRow subnet) {
        List<PortRow> addressed = new ArrayList<>();
        for (PortRow port : ports.byNetwork(subnet.networkId())) {
            if (Ipv6Modes.routerInterface(port.deviceOwner())) {
                continue;
            }
            ipam.eui64(subnet, AddressedPort.of(port));
            ports.bump(port.id());
            addressed.add(port);
        }
        return addressed;
    }

    @Transactional
    public SubnetDetails update(Caller caller, String id, RequestBody b) {
        SubnetRow subnet = visible.subnet(caller, id);
        access.requireChange(caller.admin() || (caller.member() && caller.owns(subnet.projectId())), true,
                "update_subnet");
        NetworkRow network = networks.lock(subnet.networkId()).orElseThrow(() -> CoreFaults.subnetNotFound(id));
        db.lock("ipam", id);
        subnet = subnets.find(id).orElseThrow(() -> CoreFaults.subnetNotFound(id));
        Cidr cidr = subnet.network();
        Map<String, Object> columns = new LinkedHashMap<>();
        if (b.given("name")) {
            columns.put("name", b.string("name"));
        }
        if (b.given("description")) {
            columns.put("description", b.string("description"));
        }
        if (b.given("dns_nameservers")) {
            List<String> servers = b.list("dns_nameservers");
            rules.nameservers(id, subnet.ipVersion(), servers);
            columns.put("dns_nameservers", servers);
        }
        IpAddress gateway = subnet.gateway();
        if (b.given("gateway_ip")) {
            gateway = rules.gateway(cidr, true, b.string("gateway_ip"));
            if (!Objects.equals(gateway, subnet.gateway()) && subnet.gateway() != null) {
                var holder = allocations.holder(id, subnet.gateway());
                if (holder.isPresent() && ports.find(holder.get()).map(PortRow::isRouterPort).orElse(false)) {
                    throw CoreFaults.gatewayIpInUse(subnet.gatewayIp(), holder.get());
                }
            }
            columns.put("gateway_ip", new InetColumn(gateway == null ? null : gateway.toString()));
        }
        List<IpRange> pools = subnet.allocationPools();
        if (b.given("allocation_pools")) {
            List<PoolRequest> requested = b.list("allocation_pools");
            pools = rules.pools(cidr, gateway, requested);
            subnets.replacePools(id, pools);
        } else if (b.given("gateway_ip")) {
            rules.gatewayOutsidePools(gateway, pools);
        }
        if (b.given("host_routes")) {
            List<Route> routes = b.list("host_routes");
            rules.hostRoutes(id, subnet.ipVersion(), routes);
            subnets.replaceHostRoutes(id, routes);
        }
        List<String> changedPorts = new ArrayList<>();
        if (b.given("enable_dhcp") && b.bool("enable_dhcp") != subnet.enableDhcp()) {
            if (!b.bool("enable_dhcp") && (subnet.ipv6RaMode() != null || subnet.ipv6AddressMode() != null)) {
                throw Faults.invalidInput("Cannot disable enable_dhcp with ipv6 attributes set");
            }
            columns.put("enable_dhcp", b.bool("enable_dhcp"));
            if (b.bool("enable_dhcp")) {
                rules.dhcpCapable(cidr);
                dhcp.serve(network, withPools(subnet, pools)).ifPresent(changedPorts::add);
            } else {
                dhcp.stopServing(network.id(), id).ifPresent(changedPorts::add);
            }
        }
        subnets.update(id, columns);
        changes.changed(NetworkChange.Kind.SUBNET, List.of(id, network.id()), List.of(), List.of());
        if (!changedPorts.isEmpty()) {
            changes.changed(NetworkChange.Kind.PORT, changedPorts, List.of(), List.of());
        }
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        SubnetRow subnet = visible.subnet(caller, id);
        access.requireChange(caller.admin() || (caller.member() && caller.owns(subnet.projectId())), true,
                "delete_subnet");
        networks.lock(subnet.networkId());
        db.lock("ipam", id);
        List<PortRow> holders = ports.findAll(allocations.portsOnSubnet(id));
        List<String> released = new ArrayList<>();
        for (PortRow port : holders) {
            if (DhcpPorts.OWNER.equals(port.deviceOwner())) {
                continue;
            }
            if (!subnet.autoAddress() || Ipv6Modes.routerInterface(port.deviceOwner())) {
                throw CoreFaults.subnetInUse(id);
            }
            port.fixedIps().stream().filter(ip -> ip.subnetId().equals(id))
                    .forEach(ip -> allocations.delete(port.id(), id, ip.ipAddress()));
            ports.bump(port.id());
            released.add(port.id());
        }
        dhcp.stopServing(subnet.networkId(), id).ifPresent(released::add);
        tags.removeAll("subnets", id);
        subnets.delete(id);
        networks.bump(subnet.networkId());
        changes.changed(NetworkChange.Kind.SUBNET, List.of(id, subnet.networkId()), List.of(), List.of());
        if (!released.isEmpty()) {
            List<PortRow> affected = holders.stream().filter(p -> released.contains(p.id())).toList();
            changes.changed(NetworkChange.Kind.PORT, released, affected.stream().map(PortRow::bindingHostId).toList(),
                    affected.stream().map(PortRow::deviceId).toList());
        }
    }

    public List<SubnetDetails> details(List<SubnetRow> rows) {
        Map<String, List<String>> tagsById = tags.tags("subnets", rows.stream().map(SubnetRow::id).toList());
        return rows.stream().map(s -> new SubnetDetails(s, tagsById.getOrDefault(s.id(), List.of()))).toList();
    }

    private static SubnetRow withPools(SubnetRow s, List<IpRange> pools) {
        return new SubnetRow(s.id(), s.networkId(), s.projectId(), s.name(), s.ipVersion(), s.cidr(), s.gatewayIp(),
                s.enableDhcp(), s.ipv6RaMode(), s.ipv6AddressMode(), s.dnsNameservers(), pools, s.hostRoutes(),
                s.subnetpoolId(), s.standard());
    }
}
