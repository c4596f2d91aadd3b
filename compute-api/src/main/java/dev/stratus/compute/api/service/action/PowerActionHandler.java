package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import java.util.Set;

/** A power action without arguments (start, stop, pause, unpause, suspend, resume). */
abstract class PowerActionHandler implements ServerActionHandler {

    private final PowerActions power;
    private final PowerActions.Spec spec;

    PowerActionHandler(PowerActions power, PowerActions.Spec spec) {
        this.power = power;
        this.spec = spec;
    }

    @Override
    public Set<String> keys() {
        return Set.of(spec.key());
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        power.run(caller, serverId, spec, requestId);
        return Outcome.accepted();
    }
}
