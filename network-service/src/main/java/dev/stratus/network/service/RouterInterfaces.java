package dev.stratus.network.service;

import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRow;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * A router's interfaces: {@code network:router_interface} ports, each holding the gateway address of its subnet
 * (when added by subnet) or the addresses of a port the tenant made (when added by port). The subnets of one
 * router must not overlap.
 */
@ApplicationScoped
public class RouterInterfaces {

    public static final String OWNER = "network:router_interface";

    private final PortRepository ports;
    private final SubnetRepository subnets;
    private final FloatingIpRepository floatingIps;
    private final PortWriter writer;
    private final IpAllocator ipam;
    private final VisibleResources visible;

    public RouterInterfaces(PortRepository ports, SubnetRepository subnets, FloatingIpRepository floatingIps,
            PortWriter writer, IpAllocator ipam, VisibleResources visible) {
        this.ports = ports;
        this.subnets = subnets;
        this.floatingIps = floatingIps;
        this.writer = writer;
        this.ipam = ipam;
        this.visible = visible;
    }

    public List<PortRow> of(String routerId) {
        return ports.byDevice(routerId, OWNER);
    }

    public RouterInterface add(Caller caller, RouterRow router, String subnetId, String portId) {
        requireOne(subnetId, portId);
        if (subnetId != null && portId != null) {
            throw Faults.badRequest("router", "Cannot specify both subnet-id and port-id");
        }
        return portId != null ? addPort(caller, router, portId) : addSubnet(caller, router, subnetId);
    }

    private RouterInterface addSubnet(Caller caller, RouterRow router, String subnetId) {
        SubnetRow subnet = visible.subnet(caller, subnetId);
        if (subnet.gatewayIp() == null) {
            throw Faults.badRequest("router", "Subnet for router interface must have a gateway IP");
        }
        List<PortRow> existing = of(router.id());
        if (existing.stream().anyMatch(p -> p.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(subnetId)))) {
            throw Faults.badRequest("router", "Router already has a port on subnet " + subnetId);
        }
        checkOverlap(existing, List.of(subnet));
        List<SubnetRow> networkSubnets = subnets.byNetwork(subnet.networkId());
        PortRow port = writer.create(PortDraft.service(subnet.networkId(), router.projectId(), OWNER, router.id(),
                "ACTIVE", List.of(new FixedIpRequest(subnetId, subnet.gatewayIp()))), networkSubnets);
        return answer(router, port, subnetId);
    }

    private RouterInterface addPort(Caller caller, RouterRow router, String portId) {
        PortRow port = visible.port(caller, portId);
        if (!port.deviceId().isEmpty() || !port.deviceOwner().isEmpty()) {
            throw CoreFaults.portInUse(portId, port.networkId(), port.deviceId());
        }
        if (port.fixedIps().isEmpty()) {
            throw Faults.badRequest("router", "Router port must have at least one fixed IP");
        }
        List<SubnetRow> portSubnets = subnets.findAll(port.fixedIps().stream().map(FixedIp::subnetId).distinct()
                .toList());
        if (portSubnets.stream().filter(s -> s.ipVersion() == 4).count() > 1) {
            throw Faults.badRequest("router", "Cannot have multiple IPv4 subnets on router port");
        }
        checkOverlap(of(router.id()), portSubnets);
        ports.update(portId, Map.of("device_id", router.id(), "device_owner", OWNER, "status", "ACTIVE"));
        return answer(router, ports.find(portId).orElseThrow(), port.fixedIps().get(0).subnetId());
    }

    /** Removes the interface on the subnet or the given port; the port goes with it unless it keeps addresses. */
    public RouterInterface remove(RouterRow router, String subnetId, String portId) {
        requireOne(subnetId, portId);
        PortRow port;
        if (portId != null) {
            port = of(router.id()).stream().filter(p -> p.id().equals(portId)).findFirst()
                    .orElseThrow(() -> L3Faults.routerInterfaceNotFound(router.id(), portId));
            if (subnetId != null && port.fixedIps().stream().noneMatch(ip -> ip.subnetId().equals(subnetId))) {
                throw L3Faults.routerInterfaceNotFoundForSubnet(router.id(), subnetId);
            }
        } else {
            port = of(router.id()).stream().filter(p -> p.fixedIps().stream().anyMatch(ip -> ip.subnetId()
                    .equals(subnetId))).findFirst()
                    .orElseThrow(() -> L3Faults.routerInterfaceNotFoundForSubnet(router.id(), subnetId));
        }
        List<String> leaving = subnetId != null ? List.of(subnetId)
                : port.fixedIps().stream().map(FixedIp::subnetId).distinct().toList();
        for (SubnetRow subnet : subnets.findAll(leaving)) {
            checkNotNeeded(router, subnet);
        }
        RouterInterface answer = answer(router, port, subnetId != null ? subnetId : port.fixedIps().isEmpty() ? null
                : port.fixedIps().get(0).subnetId());
        List<FixedIp> staying = port.fixedIps().stream().filter(ip -> !leaving.contains(ip.subnetId())).toList();
        if (staying.isEmpty()) {
            writer.delete(port.id());
        } else {
            port.fixedIps().stream().filter(ip -> leaving.contains(ip.subnetId())).forEach(ip -> ipam.release(port.id(),
                    ip));
            ports.bump(port.id());
        }
        return answer;
    }

    /** A subnet stays while floating IPs reach ports on it through this router, or a route's next hop is on it. */
    private void checkNotNeeded(RouterRow router, SubnetRow subnet) {
        Cidr cidr = subnet.network();
        boolean floating = floatingIps.byRouter(router.id()).stream().anyMatch(f -> f.fixedIpAddress() != null
                && cidr.contains(IpAddress.of(f.fixedIpAddress())));
        if (floating) {
            throw L3Faults.routerInterfaceInUseByFloatingIp(router.id(), subnet.id());
        }
        for (Route route : router.routes()) {
            if (cidr.contains(IpAddress.of(route.nexthop()))) {
                throw L3Faults.routerInterfaceInUseByRoute(router.id(), subnet.id());
            }
        }
    }

    private void checkOverlap(List<PortRow> existing, List<SubnetRow> adding) {
        List<String> attachedIds = existing.stream().flatMap(p -> p.fixedIps().stream()).map(FixedIp::subnetId)
                .distinct().toList();
        for (SubnetRow attached : subnets.findAll(attachedIds)) {
            for (SubnetRow subnet : adding) {
                if (attached.network().overlaps(subnet.network())) {
                    throw Faults.badRequest("router", "Cidr " + subnet.cidr() + " of subnet " + subnet.id()
                            + " overlaps with cidr " + attached.cidr() + " of subnet " + attached.id());
                }
            }
        }
    }

    private static void requireOne(String subnetId, String portId) {
        if (subnetId == null && portId == null) {
            throw Faults.badRequest("router", "Either subnet_id or port_id must be specified");
        }
    }

    private static RouterInterface answer(RouterRow router, PortRow port, String subnetId) {
        return new RouterInterface(router.id(), router.projectId(), port.id(), subnetId,
                port.fixedIps().stream().map(FixedIp::subnetId).distinct().toList(), port.networkId());
    }
}
