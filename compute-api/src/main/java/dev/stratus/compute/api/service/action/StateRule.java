package dev.stratus.compute.api.service.action;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRow;
import java.util.Set;

/**
 * Nova's check_instance_state: the vm_states and task_states an action may start from, and its 409.
 * A null in {@code taskStates} stands for "no task".
 */
public record StateRule(Set<String> vmStates, Set<String> taskStates) {

    public static final Set<String> NO_TASK = java.util.Collections.singleton(null);

    public void check(String action, InstanceRow row) {
        if (!vmStates.contains(row.vmState())) {
            throw ApiException.conflict("Cannot '" + action + "' instance " + row.uuid() + " while it is in vm_state "
                    + row.vmState());
        }
        if (!taskStates.contains(row.taskState())) {
            throw ApiException.conflict("Cannot '" + action + "' instance " + row.uuid()
                    + " while it is in task_state " + row.taskState());
        }
    }

    /** {@link #check}, and the instance must be on a host (the action is cast there). */
    public void checkOnHost(String action, InstanceRow row) {
        check(action, row);
        if (row.host() == null) {
            throw ApiException.conflict("Cannot '" + action + "' instance " + row.uuid() + " while it is in vm_state "
                    + row.vmState() + " without a host");
        }
    }
}
