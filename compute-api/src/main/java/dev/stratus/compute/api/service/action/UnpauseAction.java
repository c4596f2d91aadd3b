package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code unpause}: from vm_state paused with no task running. */
@Singleton
class UnpauseAction extends PowerActionHandler {

    UnpauseAction(PowerActions power) {
        super(power, new PowerActions.Spec("unpause", "unpause", "os_compute_api:os-pause-server:unpause",
                new StateRule(Set.of("paused"), StateRule.NO_TASK), "unpausing", InstanceAction.Kind.UNPAUSE));
    }
}
