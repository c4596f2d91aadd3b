package dev.stratus.compute.api.rest;

import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_CLASS_NETWORK;
import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_INJECTED_FILES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.QuotaAdmin;
import dev.stratus.compute.api.service.QuotaService;
import dev.stratus.compute.api.view.QuotaSetView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.1/os-quota-class-sets/{class}}, for admins. Only the {@code default} class has an effect: its
 * limits replace the configured defaults of every project.
 */
@Path("/v2.1/os-quota-class-sets/{class}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaClassSetsResource {

    private static final String RULE = "os_compute_api:os-quota-class-sets:";

    /** Unlike the answer, the update schema takes the server group limits before 2.50 too. */
    private static final VersionedKeys UPDATE_BODY = new VersionedKeys()
            .always(QuotaSetsResource.CORE)
            .in(QUOTA_INJECTED_FILES, QuotaSetsResource.INJECTED_FILES)
            .in(QUOTA_CLASS_NETWORK, QuotaService.NETWORK_RESOURCES);

    private final QuotaService quotas;
    private final QuotaAdmin admin;
    private final Policy policy;
    private final RequestedMicroversion version;

    public QuotaClassSetsResource(QuotaService quotas, QuotaAdmin admin, Policy policy,
            RequestedMicroversion version) {
        this.quotas = quotas;
        this.admin = admin;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> show(@PathParam("class") String quotaClass) {
        policy.enforce(RULE + "show", ComputeRules.admin());
        return QuotaSetView.quotaClassSet(quotaClass, quotas.classLimits(quotaClass), version.get());
    }

    @PUT
    public Map<String, Object> update(@PathParam("class") String quotaClass, JsonNode body) {
        ApiVersion v = version.get();
        JsonNode set = BodyRules.root(body, "quota_class_set");
        Bodies.onlyKnown(set, UPDATE_BODY.at(v));
        Map<String, Integer> limits = QuotaValues.read(set, Set.of());
        policy.enforce(RULE + "update", ComputeRules.admin());
        if (quotaClass.length() > 255) {
            throw ApiException.badRequest("quota_class_name has more than 255 characters.");
        }
        return QuotaSetView.quotaClassSet(null, admin.updateClass(quotaClass, limits), v);
    }
}
