package dev.stratus.network.service;

import dev.stratus.network.api.Faults;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.api.StructuredValues.GatewayInfo;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.RouterRow;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * A router's external gateway: a {@code network:router_gateway} port on an external network (project-less, as in
 * Neutron), with SNAT on by default. Hosts NAT the router's subnets behind its address.
 */
@ApplicationScoped
public class RouterGateways {

    public static final String OWNER = "network:router_gateway";

    private final RouterRepository routers;
    private final PortRepository ports;
    private final SubnetRepository subnets;
    private final FloatingIpRepository floatingIps;
    private final PortWriter writer;
    private final IpAllocator ipam;
    private final VisibleResources visible;

    public RouterGateways(RouterRepository routers, PortRepository ports, SubnetRepository subnets,
            FloatingIpRepository floatingIps, PortWriter writer, IpAllocator ipam, VisibleResources visible) {
        this.routers = routers;
        this.ports = ports;
        this.subnets = subnets;
        this.floatingIps = floatingIps;
        this.writer = writer;
        this.ipam = ipam;
        this.visible = visible;
    }

    /** Sets, changes or (with null) clears the gateway; returns the ids of ports created or removed. */
    public List<String> apply(Caller caller, RouterRow router, GatewayInfo info) {
        if (info == null) {
            return clear(router);
        }
        NetworkRow network = visible.network(caller, info.networkId());
        if (!network.external()) {
            throw Faults.badRequest("router", "Network " + network.id() + " is not an external network");
        }
        List<SubnetRow> networkSubnets = subnets.byNetwork(network.id());
        if (info.externalFixedIps() != null) {
            for (FixedIpRequest ip : info.externalFixedIps()) {
                if (ip.ipAddress() != null && networkSubnets.stream().anyMatch(s -> ip.ipAddress().equals(s.gatewayIp()))) {
                    throw Faults.badRequest("router", "External IP " + ip.ipAddress() + " is the same as the gateway IP");
                }
            }
        }
        boolean snat = info.enableSnat() == null || info.enableSnat();
        if (network.id().equals(router.gwNetworkId()) && router.gwPortId() != null) {
            if (info.externalFixedIps() != null) {
                PortRow port = ports.lock(router.gwPortId()).orElseThrow();
                List<FixedIp> ips = ipam.reallocate(AddressedPort.of(port), networkSubnets, info.externalFixedIps(),
                        port.fixedIps());
                port.fixedIps().stream().filter(old -> !ips.contains(old)).forEach(old -> ipam.release(port.id(), old));
                ports.bump(port.id());
            }
            routers.setGateway(router.id(), router.gwPortId(), network.id(), snat);
            return List.of(router.gwPortId());
        }
        List<String> touched = new java.util.ArrayList<>(clear(router));
        PortRow port = writer.create(PortDraft.service(network.id(), "", OWNER, router.id(), "ACTIVE",
                info.externalFixedIps()), networkSubnets);
        routers.setGateway(router.id(), port.id(), network.id(), snat);
        touched.add(port.id());
        return touched;
    }

    private List<String> clear(RouterRow router) {
        if (router.gwPortId() == null) {
            return List.of();
        }
        if (!floatingIps.byRouter(router.id()).isEmpty()) {
            throw L3Faults.gatewayInUseByFloatingIp(router.id(), router.gwNetworkId());
        }
        writer.delete(router.gwPortId());
        routers.setGateway(router.id(), null, null, true);
        return List.of(router.gwPortId());
    }

    /** Whether the request would change the gateway's network (the part members may not always do). */
    public static boolean changesNetwork(RouterRow router, GatewayInfo info) {
        return !Objects.equals(info == null ? null : info.networkId(), router.gwNetworkId());
    }
}
