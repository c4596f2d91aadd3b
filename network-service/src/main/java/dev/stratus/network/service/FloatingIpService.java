package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.FloatingIpRow;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import dev.stratus.network.persistence.TagRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Floating IPs: an address of an external network held by a {@code network:floatingip} port, associated with a
 * fixed IPv4 address of a port whose subnet is attached to a router with a gateway on that network. ACTIVE while
 * associated, DOWN otherwise.
 */
@ApplicationScoped
public class FloatingIpService {

    public static final String OWNER = "network:floatingip";

    private final FloatingIpRepository floatingIps;
    private final PortRepository ports;
    private final SubnetRepository subnets;
    private final RouterRepository routers;
    private final TagRepository tags;
    private final PortWriter writer;
    private final Quotas quotas;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;

    public FloatingIpService(FloatingIpRepository floatingIps, PortRepository ports, SubnetRepository subnets,
            RouterRepository routers, TagRepository tags, PortWriter writer, Quotas quotas, VisibleResources visible,
            Access access, NetworkChanges changes) {
        this.floatingIps = floatingIps;
        this.ports = ports;
        this.subnets = subnets;
        this.routers = routers;
        this.tags = tags;
        this.writer = writer;
        this.quotas = quotas;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
    }

    public List<FloatingIpDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_floatingip");
        return details(floatingIps.list(query, Visibility.floatingIps(caller))
                .orElseThrow(() -> L3Faults.floatingIpNotFound(query.marker())));
    }

    public FloatingIpDetails get(Caller caller, String id) {
        return details(List.of(visible.floatingIp(caller, id))).get(0);
    }

    @Transactional
    public List<FloatingIpDetails> create(Caller caller, List<RequestBody> bodies) {
        List<FloatingIpRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            created.add(create(caller, b));
        }
        return details(created);
    }

    private FloatingIpRow create(Caller c, RequestBody b) {
        boolean explicitAddress = b.get("floating_ip_address") != null;
        access.require((c.admin() || c.member()) && (c.admin() || !explicitAddress), "create_floatingip",
                explicitAddress && !c.admin() ? List.of("floating_ip_address") : List.of());
        String project = access.owningProject(c, b.string("project_id"));
        NetworkRow network = visible.network(c, b.string("floating_network_id"));
        if (!network.external()) {
            throw Faults.badRequest("floatingip", "Network " + network.id() + " is not a valid external network");
        }
        List<SubnetRow> networkSubnets = subnets.byNetwork(network.id());
        if (networkSubnets.stream().noneMatch(s -> s.ipVersion() == 4)) {
            throw Faults.badRequest("floatingip", "Network " + network.id() + " does not contain any IPv4 subnet");
        }
        if (b.get("fixed_ip_address") != null && b.get("port_id") == null) {
            throw Faults.badRequest("floatingip", "fixed_ip_address cannot be specified without a port_id");
        }
        quotas.check(project, "floatingip", 1);
        List<FixedIpRequest> wanted = b.get("subnet_id") != null || explicitAddress
                ? List.of(new FixedIpRequest(b.string("subnet_id"), b.string("floating_ip_address")))
                : networkSubnets.stream().filter(s -> s.ipVersion() == 4).limit(1)
                        .map(s -> new FixedIpRequest(s.id(), null)).toList();
        String id = UUID.randomUUID().toString();
        PortRow port = writer.create(PortDraft.service(network.id(), "", OWNER, id, PortService.initialStatus(OWNER),
                wanted), networkSubnets);
        String address = port.fixedIps().stream().map(FixedIp::ipAddress).filter(ip -> IpAddress.of(ip).isV4())
                .findFirst().orElseThrow(() -> L3Faults.externalIpAddressExhausted(network.id()));
        floatingIps.insert(new FloatingIpRow(id, project, network.id(), address, port.id(), null, null, null, "DOWN",
                b.string("dns_name"), b.string("dns_domain"), new StandardAttributes(b.string("description"), 1, null,
                        null)));
        FloatingIpRow row = floatingIps.find(id).orElseThrow();
        if (b.get("port_id") != null) {
            associate(c, row, b.string("port_id"), b.string("fixed_ip_address"));
        } else {
            changes.changed(NetworkChange.Kind.FLOATING_IP, id);
        }
        return floatingIps.find(id).orElseThrow();
    }

    @Transactional
    public FloatingIpDetails update(Caller caller, String id, RequestBody b) {
        FloatingIpRow fip = visible.floatingIp(caller, id);
        access.requireChange(caller.canWrite(fip.projectId()), true, "update_floatingip");
        fip = floatingIps.lock(id).orElseThrow(() -> L3Faults.floatingIpNotFound(id));
        if (b.given("description")) {
            floatingIps.updateDescription(id, b.string("description"));
        }
        if (b.given("port_id") && b.get("port_id") != null) {
            associate(caller, fip, b.string("port_id"), b.string("fixed_ip_address"));
        } else if (b.given("port_id")) {
            if (b.get("fixed_ip_address") != null) {
                throw Faults.badRequest("floatingip", "fixed_ip_address cannot be specified without a port_id");
            }
            disassociate(fip);
        } else if (b.get("fixed_ip_address") != null) {
            throw Faults.badRequest("floatingip", "fixed_ip_address cannot be specified without a port_id");
        }
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        FloatingIpRow fip = visible.floatingIp(caller, id);
        access.requireChange(caller.canWrite(fip.projectId()), true, "delete_floatingip");
        remove(floatingIps.lock(id).orElseThrow(() -> L3Faults.floatingIpNotFound(id)));
    }

    /**
     * Deletes every floating IP of an external network that is being deleted, associated or not, as Neutron
     * does (the hosts that served them drop their NAT on the change).
     */
    @Transactional
    public void deleteAllOn(String networkId) {
        floatingIps.lockByNetwork(networkId).forEach(this::remove);
    }

    private void remove(FloatingIpRow fip) {
        PortRow fixed = fip.fixedPortId() == null ? null : ports.find(fip.fixedPortId()).orElse(null);
        tags.removeAll("floatingips", fip.id());
        floatingIps.delete(fip.id());
        writer.delete(fip.floatingPortId());
        changes.changed(NetworkChange.Kind.FLOATING_IP, List.of(fip.id()), fixed == null ? List.of()
                : List.of(fixed.bindingHostId()), fixed == null ? List.of() : List.of(fixed.deviceId()));
    }

    private void associate(Caller c, FloatingIpRow fip, String portId, String fixedIpAddress) {
        visible.port(c, portId);
        PortRow port = ports.lock(portId).orElseThrow(() -> CoreFaults.portNotFound(portId));
        if (!c.admin() && !port.projectId().equals(fip.projectId())) {
            throw Faults.badRequest("floatingip", "Cannot process floating IP association with Port " + portId
                    + ", since that port is owned by a different project");
        }
        if (port.isNetworkOwned()) {
            throw Faults.badRequest("floatingip", "Port " + portId + " is unable to be assigned a floating IP");
        }
        List<FixedIp> v4 = port.fixedIps().stream().filter(ip -> IpAddress.of(ip.ipAddress()).isV4()).toList();
        FixedIp fixed;
        if (fixedIpAddress != null) {
            fixed = port.fixedIps().stream().filter(ip -> ip.ipAddress().equals(fixedIpAddress)).findFirst()
                    .orElseThrow(() -> Faults.badRequest("floatingip", "Port " + portId + " does not have fixed ip "
                            + fixedIpAddress));
            if (!IpAddress.of(fixedIpAddress).isV4()) {
                throw Faults.badRequest("floatingip", "Cannot add floating IP to port " + portId
                        + " that has no fixed IPv4 addresses");
            }
        } else if (v4.isEmpty()) {
            throw Faults.badRequest("floatingip", "Cannot add floating IP to port " + portId
                    + " that has no fixed IPv4 addresses");
        } else if (v4.size() > 1) {
            throw Faults.badRequest("floatingip", "Port " + portId + " has multiple fixed IPv4 addresses.  Must "
                    + "provide a specific IPv4 address when assigning a floating IP");
        } else {
            fixed = v4.get(0);
        }
        String router = routers.routersBetween(fip.floatingNetworkId(), List.of(fixed.subnetId())).stream().findFirst()
                .orElseThrow(() -> L3Faults.externalGatewayForFloatingIpNotFound(fip.floatingNetworkId(),
                        fixed.subnetId(), portId));
        floatingIps.byFixed(fip.floatingNetworkId(), portId, fixed.ipAddress()).filter(o -> !o.id().equals(fip.id()))
                .ifPresent(o -> {
                    throw L3Faults.floatingIpPortAlreadyAssociated(fip.floatingIpAddress(), fip.id(), portId,
                            fixed.ipAddress(), fip.floatingNetworkId());
                });
        PortRow previous = fip.fixedPortId() == null ? null : ports.find(fip.fixedPortId()).orElse(null);
        floatingIps.associate(fip.id(), portId, fixed.ipAddress(), router, "ACTIVE");
        List<String> hosts = new ArrayList<>(List.of(port.bindingHostId()));
        List<String> devices = new ArrayList<>(List.of(port.deviceId()));
        if (previous != null) {
            hosts.add(previous.bindingHostId());
            devices.add(previous.deviceId());
        }
        changes.changed(NetworkChange.Kind.FLOATING_IP, List.of(fip.id()), hosts, devices);
    }

    private void disassociate(FloatingIpRow fip) {
        PortRow previous = fip.fixedPortId() == null ? null : ports.find(fip.fixedPortId()).orElse(null);
        floatingIps.associate(fip.id(), null, null, null, "DOWN");
        changes.changed(NetworkChange.Kind.FLOATING_IP, List.of(fip.id()), previous == null ? List.of()
                : List.of(previous.bindingHostId()), previous == null ? List.of() : List.of(previous.deviceId()));
    }

    public List<FloatingIpDetails> details(List<FloatingIpRow> rows) {
        Map<String, List<String>> tagsById = tags.tags("floatingips", rows.stream().map(FloatingIpRow::id).toList());
        Map<String, PortRow> portsById = new HashMap<>();
        ports.findAll(rows.stream().map(FloatingIpRow::fixedPortId).filter(p -> p != null).distinct().toList())
                .forEach(p -> portsById.put(p.id(), p));
        return rows.stream().map(f -> new FloatingIpDetails(f, f.fixedPortId() == null ? null
                : portsById.get(f.fixedPortId()), tagsById.getOrDefault(f.id(), List.of()))).toList();
    }

}
