package dev.stratus.compute.node;

/** Starts and stops {@link ComputeNodes} outside CDI, for the benchmark in {@code bench}. */
public final class ComputeNodesLifecycle {

    private ComputeNodesLifecycle() {
    }

    public static void start(ComputeNodes nodes) {
        nodes.start();
    }

    public static void stop(ComputeNodes nodes) {
        nodes.stop();
    }
}
