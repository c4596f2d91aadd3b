package dev.stratus.compute.node.network.ports;

import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps one host's plumbing equal to what network-service says of the ports bound to it. Runs are
 * serialised; requests that arrive while a run is pending are folded into it, so a burst of changes costs
 * one run. A failed run is logged and the next request (or the periodic one) tries again.
 */
public class HostNetworkReconciler {

    private static final Logger LOG = Logger.getLogger(HostNetworkReconciler.class);

    private final String host;
    private final HostNetworkPlanner planner;
    private final HostNetworking networking;
    private final Executor executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile HostNetworkPlan applied = HostNetworkPlan.EMPTY;

    public HostNetworkReconciler(String host, HostNetworkPlanner planner, HostNetworking networking, Executor executor) {
        this.host = host;
        this.planner = planner;
        this.networking = networking;
        this.executor = executor;
    }

    /**
     * Plans and applies now, on the caller's thread (a build waits for its ports' plumbing).
     *
     * @return the plan now on the host
     * @throws HostNetworkingException when network-service cannot be read or the host refused a part
     */
    public synchronized HostNetworkPlan reconcileNow() throws HostNetworkingException {
        HostNetworkPlan plan;
        try {
            plan = planner.plan(host);
        } catch (NetworkServiceException | IllegalArgumentException e) {
            throw new HostNetworkingException("cannot read this host's ports from network-service: " + e.getMessage(), e);
        }
        networking.apply(plan);
        applied = plan;
        return plan;
    }

    /** Asks for a run soon, on the executor. */
    public void requestReconcile() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            pending.set(false);
            try {
                reconcileNow();
            } catch (HostNetworkingException | RuntimeException e) {
                LOG.warnf("Host %s: network plumbing not reconciled: %s", host, e.getMessage());
            }
        });
    }

    /** The plan of the last successful run. */
    public HostNetworkPlan applied() {
        return applied;
    }
}
