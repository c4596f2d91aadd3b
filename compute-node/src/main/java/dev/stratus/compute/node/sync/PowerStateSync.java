package dev.stratus.compute.node.sync;

import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Keeps compute-api's power states true to the hypervisor: on every lifecycle event of the driver, and
 * periodically over all guests (events can be lost). A guest that stopped by itself (shut down from
 * inside, crashed) while active is reported stopped, as Nova's power-state sync does; other differences
 * are reported as the power state alone. Instances being built, acted on or deleted are left to their
 * handler (the instance lock orders the two).
 */
public class PowerStateSync {

    private static final Logger LOG = Logger.getLogger(PowerStateSync.class);

    private final VirtDriver driver;
    private final InstanceRegistry registry;
    private final StateReporter reporter;
    private final Executor executor;

    public PowerStateSync(VirtDriver driver, InstanceRegistry registry, StateReporter reporter, Executor executor) {
        this.driver = driver;
        this.registry = registry;
        this.reporter = reporter;
        this.executor = executor;
    }

    /** A lifecycle event: checked on another thread, after whatever call caused it has finished. */
    public void onEvent(LifecycleEvent event) {
        executor.execute(() -> {
            try {
                sync(event.instanceId());
            } catch (Exception e) {
                LOG.warnf("Power state of %s after a lifecycle event: %s", event.instanceId(), e.getMessage());
            }
        });
    }

    /** Compares every guest with the node's belief; returns how many instances changed. */
    public int syncAll() {
        Map<String, PowerState> guests = driver.listGuests();
        int changed = 0;
        for (TrackedInstance instance : registry.all()) {
            try {
                if (sync(instance.instanceId())) {
                    changed++;
                }
            } catch (Exception e) {
                LOG.warnf("Power state sync of %s: %s", instance.instanceId(), e.getMessage());
            }
        }
        for (String id : guests.keySet()) {
            if (registry.get(id).isEmpty() && !registry.wasDeleted(id)) {
                LOG.warnf("Guest %s on host %s is not an instance this node knows", id, reporter.host());
            }
        }
        return changed;
    }

    private boolean sync(String instanceId) throws Exception {
        return registry.withLock(instanceId, () -> {
            Optional<TrackedInstance> tracked = registry.get(instanceId);
            if (tracked.isEmpty() || VmStates.BUILDING.equals(tracked.get().vmState())) {
                return false;
            }
            // Read again under the lock: a handler may have changed it since the caller looked.
            PowerState current = driver.powerState(instanceId);
            TrackedInstance instance = tracked.get();
            if (current == instance.powerState()) {
                return false;
            }
            String vmState = vmStateFor(instance.vmState(), current);
            registry.put(instance.with(vmState, current));
            StateReport report = StateReport.of(instanceId).powerState(current);
            if (!vmState.equals(instance.vmState())) {
                report.vmState(vmState);
            }
            reporter.send(report);
            LOG.infof("Instance %s on %s: power state %s -> %s, vm_state %s", instanceId, reporter.host(),
                    instance.powerState(), current, vmState);
            return true;
        });
    }

    static String vmStateFor(String vmState, PowerState current) {
        if (VmStates.ACTIVE.equals(vmState) && (current == PowerState.SHUTDOWN || current == PowerState.CRASHED)) {
            return VmStates.STOPPED;
        }
        if (VmStates.ACTIVE.equals(vmState) && current == PowerState.PAUSED) {
            return VmStates.PAUSED;
        }
        if ((VmStates.STOPPED.equals(vmState) || VmStates.PAUSED.equals(vmState)) && current == PowerState.RUNNING) {
            return VmStates.ACTIVE;
        }
        return vmState;
    }
}
