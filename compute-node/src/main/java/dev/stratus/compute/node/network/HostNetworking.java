package dev.stratus.compute.node.network;

import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import java.util.Map;

/**
 * The host plumbing a node needs for its guests' NICs. Every call is idempotent.
 *
 * <p>{@link #apply} is a reconciler: after it returns the host has exactly what the plan describes (bridges,
 * DHCP servers, security group and anti-spoofing rules, routers), created or changed where they differ and
 * removed where the plan no longer has them; objects that are not the node's own are never touched. A guest's
 * NIC is {@code <interface type='bridge'>} on {@code network.bridge()} with target {@link #tapName}: libvirt
 * makes the tap when the guest starts, and the rules, which match the tap by name, are already in place.
 */
public interface HostNetworking {

    /**
     * Makes the host match the plan. What can be done is done even when a part fails; the exception then
     * names every part that failed, and the next call with the same plan tries them again.
     */
    void apply(HostNetworkPlan plan) throws HostNetworkingException;

    /** The bridge of a tenant network ({@code brq} + 11 characters); a provider network uses its own bridge. */
    default String bridgeName(String networkId) {
        return PlumbingNames.bridgeName(networkId);
    }

    /** The tap of a port's guest NIC ({@code tap} + 11 characters), matched by the port's rules. */
    default String tapName(String portId) {
        return PlumbingNames.tapName(portId);
    }

    /** Makes sure the Linux bridge {@code name} exists and is up (a bridge outside any plan, never removed). */
    void ensureBridge(String name) throws HostNetworkingException;

    /** Whether the bridge exists (as far as this implementation knows). */
    boolean hasBridge(String name);

    /**
     * What each metering label of the plan's routers counted since the last call, by label id; reading
     * zeroes the counters. None where nothing is counted (the fake).
     */
    default Map<String, MeteredTraffic> collectMeteredTraffic() throws HostNetworkingException {
        return Map.of();
    }
}
