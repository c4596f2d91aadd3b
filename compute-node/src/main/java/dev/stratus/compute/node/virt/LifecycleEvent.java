package dev.stratus.compute.node.virt;

/** A guest changed state on its own (shut down from inside, crashed) or as the result of a call. */
public record LifecycleEvent(String instanceId, PowerState powerState) {
}
