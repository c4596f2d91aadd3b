package dev.stratus.network.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.network.api.AutoAllocateFaults;
import dev.stratus.network.persistence.AutoAllocatedTopologyRepository;
import dev.stratus.network.persistence.AutoAllocatedTopologyRepository.Topology;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.SubnetPoolRow;
import dev.stratus.network.persistence.SubnetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Get-me-a-network (Neutron's auto-allocated-topology): on first request a project gets a private network with a
 * subnet from each default subnet pool, and a router from it to the default external network; later requests return
 * the same network. The whole topology is built in one transaction under a per-project lock, so concurrent requests
 * (Nova booting several servers with {@code "networks": "auto"}) get one network, and a failure leaves nothing
 * behind.
 */
@ApplicationScoped
public class AutoAllocatedTopologies {

    /** What the API answers: the project's network, or {@code dry-run=pass} for a requirements check. */
    public record Allocated(String id, String projectId) {
    }

    static final String DRY_RUN_PASS = "dry-run=pass";

    private final AutoAllocatedTopologyRepository topologies;
    private final NetworkRepository networks;
    private final SubnetRepository subnets;
    private final RouterRepository routers;
    private final RouterInterfaces interfaces;
    private final SubnetPoolAllocator pools;
    private final NetworkService networkService;
    private final SubnetService subnetService;
    private final RouterService routerService;
    private final TopologyBodies bodies;

    public AutoAllocatedTopologies(AutoAllocatedTopologyRepository topologies, NetworkRepository networks,
            SubnetRepository subnets, RouterRepository routers, RouterInterfaces interfaces, SubnetPoolAllocator pools,
            NetworkService networkService, SubnetService subnetService, RouterService routerService,
            TopologyBodies bodies) {
        this.topologies = topologies;
        this.networks = networks;
        this.subnets = subnets;
        this.routers = routers;
        this.interfaces = interfaces;
        this.pools = pools;
        this.networkService = networkService;
        this.subnetService = subnetService;
        this.routerService = routerService;
        this.bodies = bodies;
    }

    /** The project's topology, built now if it has none. */
    @Transactional
    public Allocated get(Caller caller, String projectId) {
        String project = project(caller, projectId);
        topologies.lock(project);
        var existing = topologies.find(project);
        if (existing.isPresent()) {
            return new Allocated(existing.get().networkId(), project);
        }
        String external = defaultExternalNetwork().id();
        String networkId = privateNetwork(caller, project);
        String routerId = uplink(caller, project, external, networkId);
        topologies.insert(new Topology(project, networkId, routerId));
        return new Allocated(networkId, project);
    }

    /** The dry run: whether a topology could be built (Neutron's {@code fields=dry-run}). */
    public Allocated check(Caller caller, String projectId) {
        String project = project(caller, projectId);
        defaultExternalNetwork();
        if (defaultPools(caller).isEmpty()) {
            throw AutoAllocateFaults.failure("No default subnetpools defined");
        }
        return new Allocated(DRY_RUN_PASS, project);
    }

    /** Takes the project's topology down: router interfaces, router, then the network (a 409 while it has ports). */
    @Transactional
    public void delete(Caller caller, String projectId) {
        String project = project(caller, projectId);
        topologies.lock(project);
        Topology topology = topologies.find(project).orElse(null);
        if (topology == null) {
            return;
        }
        if (topology.routerId() != null && routers.find(topology.routerId()).isPresent()) {
            for (PortRow port : interfaces.of(topology.routerId())) {
                if (port.networkId().equals(topology.networkId())) {
                    routerService.removeInterface(caller, topology.routerId(), null, port.id());
                }
            }
            routerService.delete(caller, topology.routerId());
        }
        networkService.delete(caller, topology.networkId());
    }

    /** Neutron's _validate: the literal project "None" is the caller's own; others' topologies are for admins. */
    private static String project(Caller caller, String projectId) {
        String project = projectId == null || projectId.equals("None") ? caller.projectId() : projectId;
        if (!caller.admin() && !project.equals(caller.projectId())) {
            throw AutoAllocateFaults.notAuthorized();
        }
        return project;
    }

    private NetworkRow defaultExternalNetwork() {
        return networks.findDefaultExternal()
                .orElseThrow(() -> AutoAllocateFaults.failure("No default router:external network"));
    }

    private List<SubnetPoolRow> defaultPools(Caller caller) {
        return Stream.of(4, 6).flatMap(v -> pools.defaultPool(caller, v).stream()).toList();
    }

    private String privateNetwork(Caller caller, String project) {
        List<SubnetPoolRow> defaults = defaultPools(caller);
        if (defaults.isEmpty()) {
            throw AutoAllocateFaults.failure("Unable to provide tenant private network");
        }
        String networkId = networkService.create(caller, List.of(bodies.network(project))).get(0).network().id();
        try {
            for (SubnetPoolRow pool : defaults) {
                subnetService.create(caller, List.of(bodies.subnet(project, networkId, pool.ipVersion(), pool.id())));
            }
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 404 || e.status() == 500) {
                throw AutoAllocateFaults.failure("Unable to provide tenant private network");
            }
            throw e;
        }
        return networkId;
    }

    private String uplink(Caller caller, String project, String externalNetworkId, String networkId) {
        try {
            String routerId = routerService.create(caller, List.of(bodies.router(project, externalNetworkId))).get(0)
                    .router().id();
            List<String> subnetIds = new ArrayList<>();
            subnets.byNetwork(networkId).forEach(s -> subnetIds.add(s.id()));
            for (String subnetId : subnetIds) {
                routerService.addInterface(caller, routerId, subnetId, null);
            }
            return routerId;
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw AutoAllocateFaults.failure("Unable to provide external connectivity");
            }
            throw e;
        }
    }
}
