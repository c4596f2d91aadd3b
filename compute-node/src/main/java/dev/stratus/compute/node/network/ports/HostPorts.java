package dev.stratus.compute.node.network.ports;

import dev.stratus.common.network.PortStatusReport;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ports of this host's guests in network-service: bound to the host before a guest starts, plumbed
 * (bridge, DHCP entry, security groups, routers) by the host's {@link HostNetworkReconciler}, reported up
 * once the guest runs.
 */
public class HostPorts {

    /** A host without network-service: guests have no ports to bind or plumb. */
    public static final HostPorts NONE = new HostPorts(null, null, null, null);

    private final String host;
    private final NetworkView view;
    private final HostNetworkReconciler reconciler;
    private final PortStatusReporter status;

    public HostPorts(String host, NetworkView view, HostNetworkReconciler reconciler, PortStatusReporter status) {
        this.host = host;
        this.view = view;
        this.reconciler = reconciler;
        this.status = status;
    }

    public boolean enabled() {
        return view != null;
    }

    /**
     * Binds the ports to this host and plumbs them before the guest starts.
     *
     * @return the bridge of each port's network, by port id
     * @throws HostNetworkingException when a port cannot be bound or plumbed here; the message names why
     */
    public Map<String, String> bind(List<String> portIds) throws HostNetworkingException {
        if (!enabled() || portIds.isEmpty()) {
            return Map.of();
        }
        for (String portId : portIds) {
            try {
                view.bind(portId, host);
            } catch (NetworkServiceException e) {
                throw new HostNetworkingException("cannot bind port " + portId + " to host " + host + ": "
                        + e.getMessage(), e);
            }
        }
        HostNetworkPlan plan = reconciler.reconcileNow();
        Map<String, String> bridges = new LinkedHashMap<>();
        for (String portId : portIds) {
            Optional<PortPlumbing> port = plan.ports().stream().filter(p -> p.portId().equals(portId)).findFirst();
            Optional<NetworkPlumbing> network = port.flatMap(p -> plan.network(p.networkId()));
            if (network.isEmpty()) {
                throw new HostNetworkingException("port " + portId + " cannot be plugged on host " + host
                        + ": its network is not available here");
            }
            bridges.put(portId, network.get().bridge());
        }
        return bridges;
    }

    /**
     * The guest runs: its ports' devices are up. The host looks at its plumbing again, which takes the taps
     * libvirt just made off the host's own IPv6 and gives them the network's MTU.
     */
    public void started(List<String> portIds) {
        if (enabled() && !portIds.isEmpty()) {
            reconciler.requestReconcile();
            status.report(portIds, PortStatusReport.ACTIVE);
        }
    }

    /** Something this host plumbs may have changed: look again soon. */
    public void changed() {
        if (enabled()) {
            reconciler.requestReconcile();
        }
    }
}
