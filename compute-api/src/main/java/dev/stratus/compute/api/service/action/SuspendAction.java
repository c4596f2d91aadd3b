package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code suspend}: from vm_state active with no task running. */
@Singleton
class SuspendAction extends PowerActionHandler {

    SuspendAction(PowerActions power) {
        super(power, new PowerActions.Spec("suspend", "suspend", "os_compute_api:os-suspend-server:suspend",
                new StateRule(Set.of("active"), StateRule.NO_TASK), "suspending", InstanceAction.Kind.SUSPEND));
    }
}
