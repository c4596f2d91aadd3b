package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code pause}: from vm_state active with no task running. */
@Singleton
class PauseAction extends PowerActionHandler {

    PauseAction(PowerActions power) {
        super(power, new PowerActions.Spec("pause", "pause", "os_compute_api:os-pause-server:pause",
                new StateRule(Set.of("active"), StateRule.NO_TASK), "pausing", InstanceAction.Kind.PAUSE));
    }
}
