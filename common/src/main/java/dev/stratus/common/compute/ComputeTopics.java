package dev.stratus.common.compute;

/** Names of the queues and fanouts of the compute path. */
public final class ComputeTopics {

    /** Build requests, reschedules, releases and operator changes for the scheduler. */
    public static final String SCHEDULER = "scheduler";
    /** State reports from nodes and the scheduler, applied by compute-api. */
    public static final String CONDUCTOR = "conductor";
    /** Fanout of compute node heartbeats, read by compute-api and the scheduler. */
    public static final String SERVICES_FANOUT = "compute.services";

    private ComputeTopics() {
    }

    /** The queue of one compute host. */
    public static String computeHost(String host) {
        return "compute." + host;
    }
}
