package dev.stratus.compute.api.service.action;

import dev.stratus.common.compute.InstanceAction;
import jakarta.inject.Singleton;
import java.util.Set;

/** {@code resume}: from vm_state suspended with no task running. */
@Singleton
class ResumeAction extends PowerActionHandler {

    ResumeAction(PowerActions power) {
        super(power, new PowerActions.Spec("resume", "resume", "os_compute_api:os-suspend-server:resume",
                new StateRule(Set.of("suspended"), StateRule.NO_TASK), "resuming", InstanceAction.Kind.RESUME));
    }
}
