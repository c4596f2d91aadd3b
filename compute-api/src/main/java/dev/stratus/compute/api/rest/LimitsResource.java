package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.QuotaService;
import dev.stratus.compute.api.view.LimitsView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;

/** {@code GET /v2.1/limits}: the caller's project limits and usage; admins may ask for another with {@code tenant_id}. */
@Path("/v2.1/limits")
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

    private final QuotaService quotas;
    private final Policy policy;
    private final RequestedMicroversion version;

    public LimitsResource(QuotaService quotas, Policy policy, RequestedMicroversion version) {
        this.quotas = quotas;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> show(@Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, Set.of("tenant_id"));
        AuthContext caller = policy.enforce("os_compute_api:limits", c -> true);
        String project = caller.projectId();
        if (QueryParams.has(uri, "tenant_id")) {
            policy.enforce("os_compute_api:limits:other_project", ComputeRules.admin());
            project = QueryParams.last(uri, "tenant_id");
        }
        return LimitsView.render(quotas.limits(project, null), quotas.usage(project, null), v);
    }
}
