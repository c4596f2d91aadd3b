package dev.stratus.compute.node.network;

import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host plumbing that exists only in memory: for the fake driver and tests, which need no root. It keeps the
 * plan last applied (what a real host would now have) and every plan applied, and can be told to fail.
 */
public class FakeHostNetworking implements HostNetworking {

    private final Set<String> bridges = ConcurrentHashMap.newKeySet();
    private final List<HostNetworkPlan> applied = new ArrayList<>();
    private HostNetworkPlan current = HostNetworkPlan.EMPTY;
    private String failure;

    @Override
    public synchronized void apply(HostNetworkPlan plan) throws HostNetworkingException {
        if (plan == null) {
            throw new IllegalArgumentException("a plan is required");
        }
        if (failure != null) {
            throw new HostNetworkingException(failure);
        }
        applied.add(plan);
        current = plan;
    }

    /** Makes every following {@link #apply} fail with {@code message}; null makes them succeed again. */
    public synchronized void failApplies(String message) {
        this.failure = message;
    }

    /** The plan the host has now: the last one applied. */
    public synchronized HostNetworkPlan currentPlan() {
        return current;
    }

    /** Every plan applied, in order. */
    public synchronized List<HostNetworkPlan> appliedPlans() {
        return List.copyOf(applied);
    }

    /** The taps of the ports the host has now. */
    public synchronized Set<String> plumbedTaps() {
        Set<String> taps = new TreeSet<>();
        for (PortPlumbing port : current.ports()) {
            taps.add(tapName(port.portId()));
        }
        return taps;
    }

    @Override
    public void ensureBridge(String name) {
        bridges.add(LinuxBridgeNetworking.requireValidName(name));
    }

    @Override
    public boolean hasBridge(String name) {
        return bridges().contains(name);
    }

    /** The bridges made by {@link #ensureBridge} and those of the current plan's networks. */
    public synchronized Set<String> bridges() {
        Set<String> all = new TreeSet<>(bridges);
        for (NetworkPlumbing network : current.networks()) {
            all.add(network.bridge());
        }
        return all;
    }
}
