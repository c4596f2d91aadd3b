package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.ExtraDhcpOpt;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.SecurityGroupFaults;
import dev.stratus.network.api.StructuredValues.AddressPair;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.FloatingIpRow;
import dev.stratus.network.persistence.IpAllocationRepository;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.SecurityGroupRepository;
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

/** Ports: creation with addresses, MAC and security groups; updates incl. binding; deletion; who may do what. */
@ApplicationScoped
public class PortService {

    private static final List<String> SERVICE_OWNERS = List.of("network:router_interface", "network:router_gateway",
            "network:floatingip");

    private final PortRepository ports;
    private final NetworkRepository networks;
    private final SubnetRepository subnets;
    private final SecurityGroupRepository groups;
    private final IpAllocationRepository allocations;
    private final FloatingIpRepository floatingIps;
    private final RouterRepository routers;
    private final TagRepository tags;
    private final PortWriter writer;
    private final IpAllocator ipam;
    private final DefaultSecurityGroups defaultGroups;
    private final Quotas quotas;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;
    private final ExtraDhcpOpts dhcpOpts;
    private final DhcpAgentScheduler scheduler;

    public PortService(PortRepository ports, NetworkRepository networks, SubnetRepository subnets,
            SecurityGroupRepository groups, IpAllocationRepository allocations, FloatingIpRepository floatingIps,
            RouterRepository routers, TagRepository tags, PortWriter writer, IpAllocator ipam,
            DefaultSecurityGroups defaultGroups, Quotas quotas, VisibleResources visible, Access access,
            NetworkChanges changes, ExtraDhcpOpts dhcpOpts, DhcpAgentScheduler scheduler) {
        this.scheduler = scheduler;
        this.ports = ports;
        this.networks = networks;
        this.subnets = subnets;
        this.groups = groups;
        this.allocations = allocations;
        this.floatingIps = floatingIps;
        this.routers = routers;
        this.tags = tags;
        this.writer = writer;
        this.ipam = ipam;
        this.defaultGroups = defaultGroups;
        this.quotas = quotas;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
        this.dhcpOpts = dhcpOpts;
    }

    public List<PortDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_port");
        return details(ports.list(query, Visibility.ports(caller)).orElseThrow(
                () -> CoreFaults.portNotFound(query.marker())));
    }

    public PortDetails get(Caller caller, String id) {
        return details(List.of(visible.port(caller, id))).get(0);
    }

    @Transactional
    public List<PortDetails> create(Caller caller, List<RequestBody> bodies) {
        List<PortRow> created = new ArrayList<>();
        for (RequestBody body : bodies) {
            created.add(create(caller, body));
        }
        return details(created);
    }

    private PortRow create(Caller c, RequestBody b) {
        NetworkRow network = visible.network(c, b.string("network_id"));
        boolean netOwner = c.member() && c.owns(network.projectId());
        access.require(c.adminOrService() || netOwner || (c.member() && network.shared()), "create_port",
                PortPolicy.denied(c, network, b, true));
        String project = c.adminOrService() && b.string("project_id") != null ? b.string("project_id")
                : access.owningProject(c, b.string("project_id"));
        quotas.check(project, "port", 1);
        network = networks.share(network.id()).orElseThrow(() -> CoreFaults.networkNotFound(b.string("network_id")));
        List<SubnetRow> networkSubnets = subnets.byNetwork(network.id());
        String owner = b.string("device_owner");
        boolean portSecurity = b.has("port_security_enabled") ? b.bool("port_security_enabled")
                : network.portSecurityEnabled();
        List<FixedIpRequest> requestedIps = b.has("fixed_ips") ? b.list("fixed_ips") : null;
        boolean hasIp = requestedIps != null ? !requestedIps.isEmpty() : !networkSubnets.isEmpty();
        List<String> securityGroups;
        if (b.given("security_groups")) {
            securityGroups = b.list("security_groups");
            if (!securityGroups.isEmpty() && !(portSecurity && hasIp)) {
                throw CoreFaults.portSecurityAndIpRequiredForSecurityGroups();
            }
            checkGroups(c, project, securityGroups);
        } else if (portSecurity && hasIp && !owner.startsWith("network:")) {
            securityGroups = List.of(defaultGroups.ensure(project));
        } else {
            securityGroups = List.of();
        }
        List<AddressPair> pairs = b.has("allowed_address_pairs") ? b.list("allowed_address_pairs") : List.of();
        if (!pairs.isEmpty() && !portSecurity) {
            throw CoreFaults.addressPairAndPortSecurityRequired();
        }
        PortRow port = writer.create(new PortDraft(network.id(), project, b.string("name"), b.string("description"),
                b.bool("admin_state_up"), initialStatus(owner), b.string("device_id"), owner, portSecurity,
                b.string("mac_address"), b.string("binding:host_id"), b.string("binding:vnic_type"),
                b.json("binding:profile").toString(), b.string("dns_name"), requestedIps, securityGroups, pairs),
                networkSubnets);
        dhcpOpts.create(port.id(), b.list("extra_dhcp_opts"));
        if (!owner.startsWith("network:") && networkSubnets.stream().anyMatch(SubnetRow::enableDhcp)) {
            scheduler.ensureHosted(network.id());
        }
        changes.changed(NetworkChange.Kind.PORT, List.of(port.id()), List.of(port.bindingHostId()),
                List.of(port.deviceId()));
        return port;
    }

    @Transactional
    public PortDetails update(Caller c, String id, RequestBody b) {
        PortRow port = visible.port(c, id);
        NetworkRow network = networks.find(port.networkId()).orElseThrow(() -> CoreFaults.portNotFound(id));
        access.requireChange(c.adminOrService() || (c.member() && c.owns(port.projectId())), true, "update_port");
        List<String> denied = PortPolicy.denied(c, network, b, false);
        access.require(denied.isEmpty(), "update_port", denied);
        port = ports.lock(id).orElseThrow(() -> CoreFaults.portNotFound(id));
        Map<String, Object> columns = new LinkedHashMap<>();
        copy(b, "name", "name", columns);
        copy(b, "description", "description", columns);
        copy(b, "admin_state_up", "admin_state_up", columns);
        copy(b, "device_id", "device_id", columns);
        copy(b, "device_owner", "device_owner", columns);
        copy(b, "dns_name", "dns_name", columns);
        boolean macChanged = b.given("mac_address") && !b.string("mac_address").equals(port.macAddress());
        if (macChanged) {
            if (ports.macInUse(port.networkId(), b.string("mac_address"), id)) {
                throw CoreFaults.macAddressInUse(port.networkId(), b.string("mac_address"));
            }
            columns.put("mac_address", b.string("mac_address"));
        }
        boolean portSecurity = b.given("port_security_enabled") ? b.bool("port_security_enabled")
                : port.portSecurityEnabled();
        columns.put("port_security_enabled", portSecurity);
        List<FixedIp> ips = port.fixedIps();
        if (b.given("fixed_ips")) {
            ips = changeAddresses(port, b.list("fixed_ips"));
        }
        if (macChanged) {
            // EUI-64 addresses follow the MAC, as Neutron recomputes them
            ips = ipam.readdress(AddressedPort.of(port).withMac(b.string("mac_address")),
                    subnets.byNetwork(port.networkId()), ips);
        }
        List<String> securityGroups = port.securityGroups();
        if (b.given("security_groups")) {
            securityGroups = b.list("security_groups");
            if (!securityGroups.isEmpty() && !(portSecurity && !ips.isEmpty())) {
                throw CoreFaults.portSecurityAndIpRequiredForSecurityGroups();
            }
            checkGroups(c, port.projectId(), securityGroups);
            ports.replaceSecurityGroups(id, securityGroups);
        } else if (!securityGroups.isEmpty() && !(portSecurity && !ips.isEmpty())) {
            throw CoreFaults.portSecurityPortHasSecurityGroup();
        }
        List<AddressPair> pairs = b.given("allowed_address_pairs") ? b.list("allowed_address_pairs")
                : port.allowedAddressPairs();
        if (!pairs.isEmpty() && !portSecurity) {
            throw CoreFaults.addressPairAndPortSecurityRequired();
        }
        if (b.given("allowed_address_pairs")) {
            String mac = b.given("mac_address") ? b.string("mac_address") : port.macAddress();
            ports.replaceAddressPairs(id, PortWriter.withMac(pairs, mac));
        }
        String host = b.given("binding:host_id") ? b.string("binding:host_id") : port.bindingHostId();
        String vnic = b.given("binding:vnic_type") ? b.string("binding:vnic_type") : port.vnicType();
        if (!host.equals(port.bindingHostId()) || !vnic.equals(port.vnicType())) {
            PortBinding binding = PortBinding.of(host, vnic, port.networkId());
            columns.put("binding_host_id", host);
            columns.put("binding_vnic_type", vnic);
            columns.put("binding_vif_type", binding.vifType());
            columns.put("binding_vif_details", binding.vifDetails());
            if (!port.isNetworkOwned()) {
                columns.put("status", "DOWN");
            }
        }
        if (b.given("binding:profile")) {
            columns.put("binding_profile", b.json("binding:profile").toString());
        }
        if (b.given("extra_dhcp_opts")) {
            dhcpOpts.update(id, b.list("extra_dhcp_opts"));
        }
        ports.update(id, columns);
        changes.changed(NetworkChange.Kind.PORT, List.of(id), List.of(port.bindingHostId(), host),
                List.of(port.deviceId(), b.given("device_id") ? b.string("device_id") : port.deviceId()));
        return get(c, id);
    }

    /** Applies a new fixed_ips list: kept addresses stay, new ones are allocated, the rest released. */
    private List<FixedIp> changeAddresses(PortRow port, List<FixedIpRequest> requested) {
        List<SubnetRow> networkSubnets = subnets.byNetwork(port.networkId());
        List<FixedIp> ips = ipam.reallocate(AddressedPort.of(port), networkSubnets, requested, port.fixedIps());
        for (FloatingIpRow fip : floatingIps.byFixedPort(port.id())) {
            if (ips.stream().noneMatch(ip -> ip.ipAddress().equals(fip.fixedIpAddress()))) {
                throw Faults.badRequest("port", "Cannot update the fixed_ips of the port " + port.id()
                        + ", because its original fixed_ip has been associated to a floating ip");
            }
        }
        for (FixedIp old : port.fixedIps()) {
            if (!ips.contains(old)) {
                allocations.delete(port.id(), old.subnetId(), old.ipAddress());
            }
        }
        return ips;
    }

    @Transactional
    public void delete(Caller c, String id) {
        PortRow port = visible.port(c, id);
        NetworkRow network = networks.find(port.networkId()).orElseThrow(() -> CoreFaults.portNotFound(id));
        access.requireChange(c.adminOrService() || (c.member() && (c.owns(port.projectId())
                || c.owns(network.projectId()))), true, "delete_port");
        port = ports.lock(id).orElseThrow(() -> CoreFaults.portNotFound(id));
        if (SERVICE_OWNERS.contains(port.deviceOwner()) && ownerExists(port)) {
            throw CoreFaults.servicePortInUse(id, port.deviceOwner());
        }
        List<String> fips = new ArrayList<>();
        for (FloatingIpRow fip : floatingIps.byFixedPort(id)) {
            floatingIps.associate(fip.id(), null, null, null, "DOWN");
            fips.add(fip.id());
        }
        writer.delete(id);
        changes.changed(NetworkChange.Kind.PORT, List.of(id), List.of(port.bindingHostId()), List.of(port.deviceId()));
        if (!fips.isEmpty()) {
            changes.changed(NetworkChange.Kind.FLOATING_IP, fips, List.of(port.bindingHostId()),
                    List.of(port.deviceId()));
        }
    }

    public List<PortDetails> details(List<PortRow> rows) {
        List<String> ids = rows.stream().map(PortRow::id).toList();
        Map<String, List<String>> tagsById = tags.tags("ports", ids);
        Map<String, List<ExtraDhcpOpt>> optsById = dhcpOpts.of(ids);
        List<PortDetails> out = new ArrayList<>(rows.size());
        for (PortRow p : rows) {
            out.add(new PortDetails(p, tagsById.getOrDefault(p.id(), List.of()),
                    optsById.getOrDefault(p.id(), List.of())));
        }
        return out;
    }

    private boolean ownerExists(PortRow port) {
        if ("network:floatingip".equals(port.deviceOwner())) {
            return floatingIps.find(port.deviceId()).isPresent();
        }
        return routers.find(port.deviceId()).isPresent();
    }

    /** Every group must exist and belong to the port's project. */
    private void checkGroups(Caller c, String project, List<String> ids) {
        var found = groups.share(ids);
        for (String id : ids) {
            if (found.stream().noneMatch(g -> g.id().equals(id) && (g.projectId().equals(project) || c.admin()))) {
                throw SecurityGroupFaults.notFound(id);
            }
        }
    }

    /** Ports of the cloud's own devices are up as soon as they exist; a floating IP's port has no state. */
    static String initialStatus(String deviceOwner) {
        if ("network:floatingip".equals(deviceOwner)) {
            return "N/A";
        }
        return deviceOwner.startsWith("network:") ? "ACTIVE" : "DOWN";
    }

    private static void copy(RequestBody b, String attribute, String column, Map<String, Object> columns) {
        if (b.given(attribute)) {
            columns.put(column, b.get(attribute));
        }
    }
}
