package dev.stratus.common.network;

/** Names of the queue and fanout between network-service and the hosts that plug its ports. */
public final class NetworkTopics {

    /** Reports from hosts to network-service (a port's device is up or down on a host). */
    public static final String NETWORK = "network";
    /**
     * Fanout from network-service: something a host may have plumbed changed (a port, its security groups, a
     * subnet, a router, a floating IP). Hosts and compute-api re-read what concerns them.
     */
    public static final String CHANGES_FANOUT = "network.changes";

    private NetworkTopics() {
    }
}
