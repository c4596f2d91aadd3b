package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ServerDeleter;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code forceDelete} deletes at once (deletes are never deferred here); {@code restore} has nothing to
 * restore, since no instance is ever soft-deleted.
 */
@ApplicationScoped
class DeleteActions implements ServerActionHandler {

    private final ServerDeleter deleter;
    private final ServerLookup lookup;

    DeleteActions(ServerDeleter deleter, ServerLookup lookup) {
        this.deleter = deleter;
        this.lookup = lookup;
    }

    @Override
    public Set<String> keys() {
        return Set.of("forceDelete", "restore");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        if (key.equals("forceDelete")) {
            deleter.delete(caller, serverId, requestId, "os_compute_api:os-deferred-delete:force");
            return Outcome.accepted();
        }
        InstanceRow row = lookup.visible(caller, serverId);
        throw ApiException.conflict("Cannot 'restore' instance " + serverId + " while it is in vm_state "
                + row.vmState());
    }
}
