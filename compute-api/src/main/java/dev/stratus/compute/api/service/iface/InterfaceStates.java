package dev.stratus.compute.api.service.iface;

import dev.stratus.compute.api.service.action.StateRule;
import java.util.Set;

/**
 * Where Nova lets an interface be attached or detached: an ACTIVE, PAUSED or STOPPED server on a host, without a
 * task (Nova's check_instance_state on attach_interface and detach_interface).
 */
final class InterfaceStates {

    static final StateRule RULE = new StateRule(Set.of("active", "paused", "stopped"), StateRule.NO_TASK);

    private InterfaceStates() {
    }
}
