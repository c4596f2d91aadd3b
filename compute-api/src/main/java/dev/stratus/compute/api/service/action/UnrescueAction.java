package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code unrescue}: from vm_state rescued with no task; the host boots the server from its own disk again. */
@Singleton
class UnrescueAction extends PowerActionHandler {

    UnrescueAction(PowerActions power) {
        super(power, new PowerActions.Spec("unrescue", "unrescue", "os_compute_api:os-unrescue",
                new StateRule(Set.of("rescued"), StateRule.NO_TASK), "unrescuing", InstanceAction.Kind.UNRESCUE));
    }
}
