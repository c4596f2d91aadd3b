package dev.stratus.network.service;

import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.SecurityGroupFaults;
import dev.stratus.network.api.SubnetPoolFaults;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.FloatingIpRow;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.RouterRow;
import dev.stratus.network.persistence.SecurityGroupRepository;
import dev.stratus.network.persistence.SecurityGroupRow;
import dev.stratus.network.persistence.SubnetPoolRepository;
import dev.stratus.network.persistence.SubnetPoolRow;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One resource by id, as the caller may see it; anything else (absent, or another project's) is the resource's
 * own 404, so that nobody learns what other projects have.
 */
@ApplicationScoped
public class VisibleResources {

    private final NetworkRepository networks;
    private final SubnetRepository subnets;
    private final PortRepository ports;
    private final SecurityGroupRepository groups;
    private final RouterRepository routers;
    private final FloatingIpRepository floatingIps;
    private final SubnetPoolRepository subnetPools;

    public VisibleResources(NetworkRepository networks, SubnetRepository subnets, PortRepository ports,
            SecurityGroupRepository groups, RouterRepository routers, FloatingIpRepository floatingIps,
            SubnetPoolRepository subnetPools) {
        this.subnetPools = subnetPools;
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
        this.groups = groups;
        this.routers = routers;
        this.floatingIps = floatingIps;
    }

    public static boolean sees(Caller c, NetworkRow n) {
        return c.seesAll() || c.owns(n.projectId()) || n.shared() || n.external();
    }

    public NetworkRow network(Caller c, String id) {
        return networks.find(id).filter(n -> sees(c, n)).orElseThrow(() -> CoreFaults.networkNotFound(id));
    }

    public SubnetRow subnet(Caller c, String id) {
        return subnets.find(id).filter(s -> c.seesAll() || c.owns(s.projectId())
                || networks.find(s.networkId()).map(n -> c.owns(n.projectId()) || n.shared()).orElse(false))
                .orElseThrow(() -> CoreFaults.subnetNotFound(id));
    }

    public PortRow port(Caller c, String id) {
        return ports.find(id).filter(p -> c.seesAll() || c.owns(p.projectId())
                || networks.find(p.networkId()).map(n -> c.owns(n.projectId())).orElse(false))
                .orElseThrow(() -> CoreFaults.portNotFound(id));
    }

    public SecurityGroupRow securityGroup(Caller c, String id) {
        return groups.find(id).filter(g -> c.seesAll() || c.owns(g.projectId()))
                .orElseThrow(() -> SecurityGroupFaults.notFound(id));
    }

    public RouterRow router(Caller c, String id) {
        return routers.find(id).filter(r -> c.seesAll() || c.owns(r.projectId()))
                .orElseThrow(() -> L3Faults.routerNotFound(id));
    }

    public SubnetPoolRow subnetPool(Caller c, String id) {
        return subnetPools.find(id).filter(p -> c.seesAll() || c.owns(p.projectId()) || p.shared())
                .orElseThrow(() -> SubnetPoolFaults.notFound(id));
    }

    public FloatingIpRow floatingIp(Caller c, String id) {
        return floatingIps.find(id).filter(f -> c.seesAll() || c.owns(f.projectId()))
                .orElseThrow(() -> L3Faults.floatingIpNotFound(id));
    }
}
