package dev.stratus.compute.api.rest;

import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_INJECTED_FILES;
import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_NETWORK;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.QuotaAdmin;
import dev.stratus.compute.api.service.QuotaService;
import dev.stratus.compute.api.view.QuotaSetView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.1/os-quota-sets/{project}}: a project's limits (or one user's, {@code ?user_id=}), its
 * defaults, its usage ({@code /detail}); admins update them and delete them back to the defaults.
 */
@Path("/v2.1/os-quota-sets/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaSetsResource {

    private static final String RULE = "os_compute_api:os-quota-sets:";
    private static final Set<String> USER_QUERY = Set.of("user_id");

    /** The resources every quota body carries, whatever the microversion. */
    static final List<String> CORE = List.of("instances", "cores", "ram", "metadata_items", "key_pairs",
            "server_groups", "server_group_members");
    static final List<String> INJECTED_FILES = List.of("injected_files", "injected_file_content_bytes",
            "injected_file_path_bytes");

    private static final VersionedKeys UPDATE_BODY = new VersionedKeys()
            .always(CORE)
            .in(QUOTA_INJECTED_FILES, INJECTED_FILES)
            .in(QUOTA_NETWORK, QuotaService.NETWORK_RESOURCES)
            .always("force");

    private final QuotaService quotas;
    private final QuotaAdmin admin;
    private final Policy policy;
    private final RequestedMicroversion version;

    public QuotaSetsResource(QuotaService quotas, QuotaAdmin admin, Policy policy, RequestedMicroversion version) {
        this.quotas = quotas;
        this.admin = admin;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> show(@PathParam("project") String project, @Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, USER_QUERY);
        policy.enforce(RULE + "show", ComputeRules.readerOf(project));
        return QuotaSetView.quotaSet(project, quotas.limits(project, QueryParams.first(uri, "user_id")), v);
    }

    @GET
    @Path("defaults")
    public Map<String, Object> defaults(@PathParam("project") String project) {
        policy.enforce(RULE + "defaults", c -> true);
        return QuotaSetView.quotaSet(project, quotas.defaults(), version.get());
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@PathParam("project") String project, @Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, USER_QUERY);
        policy.enforce(RULE + "detail", ComputeRules.readerOf(project));
        String user = QueryParams.first(uri, "user_id");
        Map<String, Long> used = quotas.usage(project, user);
        Map<String, Object> detail = new LinkedHashMap<>();
        quotas.limits(project, user).forEach((resource, limit) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("in_use", used.getOrDefault(resource, 0L));
            entry.put("limit", limit);
            entry.put("reserved", 0);
            detail.put(resource, entry);
        });
        return QuotaSetView.quotaSet(project, detail, v);
    }

    @PUT
    public Map<String, Object> update(@PathParam("project") String project, JsonNode body, @Context UriInfo uri) {
        ApiVersion v = version.get();
        JsonNode set = BodyRules.root(body, "quota_set");
        Bodies.onlyKnown(set, UPDATE_BODY.at(v));
        Map<String, Integer> limits = QuotaValues.read(set, Set.of("force"));
        Boolean force = Bodies.bool(set, "force");
        QueryParams.onlyKnown(uri, v, USER_QUERY);
        policy.enforce(RULE + "update", ComputeRules.admin());
        Map<String, Integer> now = admin.update(project, QueryParams.first(uri, "user_id"), limits,
                force != null && force);
        return QuotaSetView.quotaSet(null, now, v);
    }

    @DELETE
    public Response delete(@PathParam("project") String project, @Context UriInfo uri) {
        QueryParams.onlyKnown(uri, version.get(), USER_QUERY);
        policy.enforce(RULE + "delete", ComputeRules.admin());
        admin.reset(project, QueryParams.first(uri, "user_id"));
        return Response.accepted().build();
    }
}
