package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v2.1/os-console-auth-tokens/{token}} (admin): the connection details behind a console token, as
 * Nova's API shows them from 2.31; before 2.31 only RDP tokens could be shown, and Nova answers a bare 400 since
 * RDP went. An unknown or expired token is a 404.
 */
@Path("/v2.1/os-console-auth-tokens/{token}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleAuthTokensResource {

    private final ConsoleTokens tokens;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ConsoleAuthTokensResource(ConsoleTokens tokens, Policy policy, RequestedMicroversion version) {
        this.tokens = tokens;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> show(@PathParam("token") String token) {
        if (!ComputeVersions.CONSOLE_AUTH_TOKENS.contains(version.get())) {
            throw ApiException.badRequest("The server could not comply with the request since it is either malformed"
                    + " or otherwise incapable of performing it.");
        }
        policy.enforce("os_compute_api:os-console-auth-tokens", ComputeRules.admin());
        ConsoleAuthTokenRow row = tokens.validate(token)
                .orElseThrow(() -> ApiException.notFound("Token not found"));
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("instance_uuid", row.instanceUuid());
        console.put("host", row.host());
        console.put("port", row.port());
        console.put("internal_access_path", row.internalAccessPath());
        return Map.of("console", console);
    }
}
