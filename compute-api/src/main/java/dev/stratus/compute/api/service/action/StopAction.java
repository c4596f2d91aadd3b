package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code os-stop}: from vm_state active, error with no task running. */
@Singleton
class StopAction extends PowerActionHandler {

    StopAction(PowerActions power) {
        super(power, new PowerActions.Spec("os-stop", "stop", "os_compute_api:servers:stop",
                new StateRule(Set.of("active", "error"), StateRule.NO_TASK), "powering-off", InstanceAction.Kind.STOP));
    }
}
