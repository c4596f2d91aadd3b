package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.network.SecurityGroupProxy;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * Nova's deprecated {@code /v2.1/os-security-groups[/{id}]} proxy to network-service, up to microversion 2.35 (a
 * 404 from 2.36 on, as Nova): list (the project's groups, or every project's for an admin's {@code all_tenants};
 * {@code limit} and {@code offset}), create, show, update (name and description, both required) and delete (202).
 */
@Path("/v2.1/os-security-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityGroupsProxyResource {

    private static final String POLICY = "os_compute_api:os-security-groups:";

    private final SecurityGroupProxy groups;
    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;

    public SecurityGroupsProxyResource(SecurityGroupProxy groups, Policy policy, RequestedMicroversion version,
            ApiSettings api) {
        this.groups = groups;
        this.policy = policy;
        this.version = version;
        this.api = api;
    }

    private AuthContext enforce(String action, boolean write) {
        if (!ComputeVersions.NETWORK_PROXY.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return policy.enforce(POLICY + action, write ? ComputeRules.member() : ComputeRules.reader());
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        AuthContext caller = enforce("get", false);
        Long offset = QueryParams.nonNegative(uri, "offset");
        Long limit = QueryParams.nonNegative(uri, "limit");
        int max = api.maxPageSize();
        int pageSize = limit == null || limit == 0 ? max : (int) Math.min(max, limit);
        boolean allTenants = QueryParams.has(uri, "all_tenants") && ComputeRules.isAdmin(caller);
        return Map.of("security_groups", groups.list(caller, allTenants,
                offset == null ? 0 : (int) Math.min(Integer.MAX_VALUE, offset), pageSize));
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        AuthContext caller = enforce("create", true);
        JsonNode group = Bodies.root(body, "security_group");
        return Map.of("security_group", groups.create(caller, Bodies.requiredString(group, "name", 0, 255),
                Bodies.requiredString(group, "description", 0, 255)));
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        AuthContext caller = enforce("show", false);
        return Map.of("security_group", groups.show(caller, uuid(id)));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        AuthContext caller = enforce("update", true);
        JsonNode group = Bodies.root(body, "security_group");
        String name = Bodies.requiredString(group, "name", 0, 255);
        String description = Bodies.requiredString(group, "description", 0, 255);
        return Map.of("security_group", groups.update(caller, uuid(id), name, description));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AuthContext caller = enforce("delete", true);
        groups.delete(caller, uuid(id));
        return Response.accepted().build();
    }

    /** Nova routes no DELETE to the collection (nor to {@code /os-security-groups/}): a 404, not a 405. */
    @DELETE
    public Response deleteWithoutId() {
        enforce("delete", true);
        throw ApiException.notFound("The resource could not be found.");
    }

    /** Nova's {@code validate_id}: group and rule ids are UUIDs. */
    static String uuid(String id) {
        if (!Bodies.isUuid(id)) {
            throw ApiException.badRequest("Security group id should be uuid");
        }
        return id;
    }
}
