package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code os-start}: from vm_state stopped with no task running. */
@Singleton
class StartAction extends PowerActionHandler {

    StartAction(PowerActions power) {
        super(power, new PowerActions.Spec("os-start", "start", "os_compute_api:servers:start",
                new StateRule(Set.of("stopped"), StateRule.NO_TASK), "powering-on", InstanceAction.Kind.START));
    }
}
