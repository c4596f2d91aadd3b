package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.identity.service.KeyMaintenance;
import dev.stratus.identity.service.SigningKeyRing;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Operator action: rotate the token signing keys now (as {@code keystone-manage fernet_rotate}).
 * Tokens signed before stay valid until they expire.
 */
@Path("/v3/OS-STRATUS/signing-keys/rotate")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeysResource {

    private final Policy policy;
    private final KeyMaintenance maintenance;

    public SigningKeysResource(Policy policy, KeyMaintenance maintenance) {
        this.policy = policy;
        this.maintenance = maintenance;
    }

    @POST
    @Blocking
    public Map<String, Object> rotate() throws Throwable {
        policy.enforce("identity:rotate_signing_keys", Policy.admin());
        SigningKeyRing.Snapshot keys = maintenance.rotateNow();
        return Map.of("signing_keys", Map.of("primary", keys.primaryKid(), "published", keys.publishedKids()));
    }
}
