package dev.stratus.scheduler.service;

import dev.stratus.common.compute.InstanceFault;

/** The faults the scheduler puts instances in ERROR with, worded as Nova words them. */
public final class Faults {

    public static final String NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

    private Faults() {
    }

    public static InstanceFault noValidHost(String details) {
        return new InstanceFault(500, NO_VALID_HOST, details);
    }

    public static InstanceFault retriesExhausted(String instanceId, int attempts, String reason) {
        return new InstanceFault(500, "Exceeded maximum number of retries. Exhausted all hosts available for"
                + " retrying build failures for instance " + instanceId + ".",
                "Build failed after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                        + (reason == null || reason.isBlank() ? "." : "; last failure: " + reason));
    }
}
