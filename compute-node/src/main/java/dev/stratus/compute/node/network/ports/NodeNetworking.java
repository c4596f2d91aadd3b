package dev.stratus.compute.node.network.ports;

import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.metering.MeteringAgent;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The network side of this process's compute nodes: a {@link HostPorts} per host when network-service is
 * configured ({@code stratus.compute.network-url}), the hosts' physical bridges, and the
 * {@code network.changes} broadcast that tells each host to look at its ports again.
 */
public class NodeNetworking {

    private static final Logger LOG = Logger.getLogger(NodeNetworking.class);

    private final NetworkServiceClient client;
    private final Supplier<String> token;
    private final Map<String, String> physicalBridges;
    private final Messaging messaging;
    private final Executor workers;
    private final Map<String, HostPorts> hosts = new ConcurrentHashMap<>();
    private final Map<String, MeteringAgent> meters = new ConcurrentHashMap<>();
    private final Map<String, NetworkAgentReporter> agents = new ConcurrentHashMap<>();
    private final NetworkAgentReporter.Settings agentSettings;

    public NodeNetworking(ComputeNodeConfig config, ServiceToken serviceToken, Messaging messaging, Executor workers) {
        this.client = config.networkUrl().filter(u -> !u.isBlank())
                .map(u -> new NetworkServiceClient(u, config.network().timeout())).orElse(null);
        this.token = () -> serviceToken(serviceToken);
        this.physicalBridges = physicalBridges(config.network().physicalBridges().orElse(List.of()));
        this.messaging = messaging;
        this.workers = workers;
        this.agentSettings = new NetworkAgentReporter.Settings(physicalBridges, true,
                config.network().metering().measureInterval(), config.network().metering().reportInterval());
    }

    public boolean enabled() {
        return client != null;
    }

    /** The ports of one host; {@link HostPorts#NONE} without network-service. */
    public HostPorts forHost(String host, HostNetworking networking, InstanceRegistry registry) {
        if (!enabled()) {
            return HostPorts.NONE;
        }
        for (String bridge : physicalBridges.values()) {
            try {
                networking.ensureBridge(bridge);
            } catch (HostNetworkingException | IllegalArgumentException e) {
                LOG.errorf("Host %s: physical bridge %s not made: %s", host, bridge, e.getMessage());
            }
        }
        NetworkView view = new NetworkView(client, token);
        HostNetworkPlanner planner = new HostNetworkPlanner(view, physicalBridges,
                deviceId -> registry.get(deviceId).map(t -> t.build().hostname()).orElse(null));
        HostNetworkReconciler reconciler = new HostNetworkReconciler(host, planner, networking, workers);
        HostPorts ports = new HostPorts(host, view, reconciler, new PortStatusReporter(messaging, host));
        hosts.put(host, ports);
        meters.put(host, new MeteringAgent(host, networking, reconciler::applied, Clock.systemUTC()));
        agents.put(host, new NetworkAgentReporter(messaging, host, reconciler::applied, agentSettings,
                Clock.systemUTC()));
        return ports;
    }

    /** Subscribes to network-service's changes (before messaging starts consuming). */
    public void subscribe() {
        if (!enabled()) {
            return;
        }
        messaging.subscribeBroadcast(NetworkTopics.CHANGES_FANOUT, NetworkChange.TYPE,
                MessageHandler.blocking((change, context) -> hosts.forEach((host, ports) -> {
                    if (change.concerns(host)) {
                        ports.changed();
                    }
                })));
    }

    /** Every host looks at its ports again (at start, then periodically, to catch what a message missed). */
    public void reconcileAll() {
        hosts.values().forEach(HostPorts::changed);
    }

    /** Every host reads its routers' metering counters. */
    public void measureAll() {
        meters.values().forEach(agent -> {
            try {
                agent.measure();
            } catch (HostNetworkingException | RuntimeException e) {
                LOG.warnf("Host %s: metering counters not read: %s", agent.host(), e.getMessage());
            }
        });
    }

    /**
     * Every host reports its network agents (Linux bridge, DHCP, L3, metering) to network-service: their
     * heartbeat, every {@code report-interval} as the compute heartbeat.
     */
    public void reportAgents() {
        agents.values().forEach(agent -> {
            try {
                agent.send().whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.warnf("Host %s: network agents not reported: %s", agent.host(), e.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "Host %s: network agents not reported", agent.host());
            }
        });
    }

    /** Every host reports what its metering labels counted ({@code l3.meter}). */
    public void reportAll() {
        meters.values().forEach(MeteringAgent::report);
    }

    /** Per host, what each metering label counted there since the process started (as reported). */
    public Map<String, Map<String, MeteredTraffic>> meteringTotals() {
        Map<String, Map<String, MeteredTraffic>> out = new LinkedHashMap<>();
        meters.forEach((host, agent) -> out.put(host, agent.totals()));
        return out;
    }

    static Map<String, String> physicalBridges(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("stratus.compute.network.physical-bridges: '" + pair
                        + "' is not physical-network:bridge");
            }
            out.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return out;
    }

    private static String serviceToken(ServiceToken serviceToken) {
        try {
            return serviceToken.get().orElseThrow(() -> new NetworkServiceException(
                    "no service credentials (stratus.auth.service.*) to call network-service", null));
        } catch (IOException e) {
            throw new NetworkServiceException("cannot get a service token: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkServiceException("interrupted while getting a service token", e);
        }
    }
}
