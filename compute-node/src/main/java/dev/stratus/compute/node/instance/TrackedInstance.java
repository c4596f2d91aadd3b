package dev.stratus.compute.node.instance;

import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.compute.node.virt.PowerState;
import java.time.Instant;

/**
 * What the node believes about one of its instances. Changed only under the instance's lock
 * ({@link InstanceRegistry#withLock}); read without it by heartbeats, which tolerate a stale view.
 *
 * @param vmState Nova's vm_state as last reported: building, active, stopped, paused, suspended, error
 */
public record TrackedInstance(InstanceBuild build, String vmState, PowerState powerState, Instant launchedAt) {

    public String instanceId() {
        return build.instanceId();
    }

    public TrackedInstance with(String newVmState, PowerState newPowerState) {
        return new TrackedInstance(build, newVmState, newPowerState, launchedAt);
    }

    public TrackedInstance launched(Instant at) {
        return new TrackedInstance(build, VmStates.ACTIVE, PowerState.RUNNING, at);
    }
}
