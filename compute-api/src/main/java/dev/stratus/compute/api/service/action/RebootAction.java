package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** {@code reboot} with {@code type} SOFT (a running server, no task) or HARD (almost any state). */
@ApplicationScoped
class RebootAction implements ServerActionHandler {

    private static final String RULE = "os_compute_api:servers:reboot";
    private static final PowerActions.Spec SOFT = new PowerActions.Spec("reboot", "reboot", RULE,
            new StateRule(Set.of("active"), StateRule.NO_TASK), "rebooting", InstanceAction.Kind.REBOOT_SOFT);
    private static final PowerActions.Spec HARD = new PowerActions.Spec("reboot", "reboot", RULE,
            new StateRule(Set.of("active", "stopped", "paused", "suspended", "error"), hardTasks()),
            "rebooting_hard", InstanceAction.Kind.REBOOT_HARD);

    private final PowerActions power;

    RebootAction(PowerActions power) {
        this.power = power;
    }

    private static Set<String> hardTasks() {
        Set<String> tasks = new HashSet<>(Arrays.asList(null, "rebooting", "reboot_pending", "reboot_started",
                "rebooting_hard", "reboot_pending_hard", "reboot_started_hard"));
        return java.util.Collections.unmodifiableSet(tasks);
    }

    @Override
    public Set<String> keys() {
        return Set.of("reboot");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        if (args == null || !args.isObject() || !args.has("type")) {
            throw ApiException.badRequest("Invalid input for field/attribute reboot. Value: " + args
                    + ". 'type' is a required property");
        }
        String type = args.get("type").asText("");
        PowerActions.Spec spec = switch (type.toUpperCase()) {
            case "SOFT" -> SOFT;
            case "HARD" -> HARD;
            default -> throw ApiException.badRequest("Invalid input for field/attribute type. Value: " + type
                    + ". '" + type + "' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
        };
        power.run(caller, serverId, spec, requestId);
        return Outcome.accepted();
    }
}
