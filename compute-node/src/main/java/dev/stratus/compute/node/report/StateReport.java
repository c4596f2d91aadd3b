package dev.stratus.compute.node.report;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.compute.node.virt.PowerState;
import java.time.Instant;

/**
 * One change to report about an instance, built fluently; {@link StateReporter} adds the host, the
 * sequence and the time. Unset fields mean "unchanged".
 */
public final class StateReport {

    final String instanceId;
    String vmState;
    String taskState;
    boolean clearTaskState;
    PowerState powerState;
    Instant launchedAt;
    InstanceFault fault;
    ActionEvent event;
    boolean clearHost;
    String host;
    String node;

    private StateReport(String instanceId) {
        this.instanceId = instanceId;
    }

    public static StateReport of(String instanceId) {
        return new StateReport(instanceId);
    }

    public StateReport vmState(String value) {
        this.vmState = value;
        return this;
    }

    public StateReport taskState(String value) {
        this.taskState = value;
        this.clearTaskState = value == null;
        return this;
    }

    public StateReport clearTaskState() {
        return taskState(null);
    }

    public StateReport powerState(PowerState value) {
        this.powerState = value;
        return this;
    }

    public StateReport launchedAt(Instant value) {
        this.launchedAt = value;
        return this;
    }

    public StateReport fault(InstanceFault value) {
        this.fault = value;
        return this;
    }

    public StateReport event(ActionEvent value) {
        this.event = value;
        return this;
    }

    /**
     * The instance is on another host than the reporter's (a move step that one host reports for the host that
     * holds the instance now).
     */
    public StateReport onHost(String otherHost, String otherNode) {
        this.host = otherHost;
        this.node = otherNode;
        return this;
    }

    /** The instance is no longer on this host (it goes back to the scheduler): report an empty host. */
    public StateReport clearHost() {
        this.clearHost = true;
        return this;
    }
}
