package dev.stratus.compute.api.rest;

import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_POLICY_LIST;
import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_POLICY_RULES;
import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_SOFT_POLICIES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.ServerGroupRepository.GroupRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerGroupService;
import dev.stratus.compute.api.view.ServerGroupView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.1/os-server-groups}: a project's affinity groups. Create answers 200 (not 201). Servers join
 * a group through the {@code group} scheduler hint at boot, never through this API.
 */
@Path("/v2.1/os-server-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerGroupsResource {

    private static final String RULE = "os_compute_api:os-server-groups:";
    private static final List<String> HARD_POLICIES = List.of("anti-affinity", "affinity");
    private static final List<String> ALL_POLICIES = List.of("anti-affinity", "affinity", "soft-anti-affinity",
            "soft-affinity");

    private static final VersionedKeys CREATE_BODY = new VersionedKeys()
            .always("name")
            .in(SERVER_GROUP_POLICY_LIST, "policies")
            .in(SERVER_GROUP_POLICY_RULES, "policy", "rules");
    private static final Set<String> LIST_QUERY = Set.of("all_projects", "limit", "offset");

    private final ServerGroupService groups;
    private final Policy policy;
    private final ApiSettings api;
    private final RequestedMicroversion version;

    public ServerGroupsResource(ServerGroupService groups, Policy policy, ApiSettings api,
            RequestedMicroversion version) {
        this.groups = groups;
        this.policy = policy;
        this.api = api;
        this.version = version;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, LIST_QUERY);
        Long limit = QueryParams.nonNegative(uri, "limit");
        Long offset = QueryParams.nonNegative(uri, "offset");
        AuthContext caller = policy.enforce(RULE + "index", ComputeRules.reader());
        String project = caller.projectId();
        // As Nova: all_projects from a non-admin quietly lists the caller's own project.
        if (QueryParams.has(uri, "all_projects") && ComputeRules.isAdmin(caller)) {
            policy.enforce(RULE + "index:all_projects", ComputeRules.admin());
            project = null;
        }
        int max = api.maxPageSize();
        int pageSize = limit == null || limit == 0 ? max : (int) Math.min(limit, max);
        int skip = offset == null ? 0 : (int) Math.min(offset, Integer.MAX_VALUE);
        List<GroupRow> page = groups.list(project, skip, pageSize);
        return Map.of("server_groups", page.stream().map(g -> ServerGroupView.render(g, v)).toList());
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        GroupRow group = groups.get(id);
        policy.enforce(RULE + "show", ComputeRules.readerOf(group.projectId()));
        return Map.of("server_group", ServerGroupView.render(group, version.get()));
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        ApiVersion v = version.get();
        JsonNode g = BodyRules.root(body, "server_group");
        Bodies.onlyKnown(g, CREATE_BODY.at(v));
        String name = BodyRules.name(BodyRules.required("server_group", g, "name"), "name");
        String groupPolicy;
        Map<String, String> rules = Map.of();
        if (SERVER_GROUP_POLICY_RULES.contains(v)) {
            groupPolicy = BodyRules.oneOf(BodyRules.required("server_group", g, "policy"), "policy", ALL_POLICIES);
            rules = rules(g.get("rules"));
        } else {
            groupPolicy = policies(BodyRules.required("server_group", g, "policies"), v);
        }
        AuthContext caller = policy.enforce(RULE + "create", ComputeRules.member());
        if (!rules.isEmpty() && !groupPolicy.equals("anti-affinity")) {
            throw ApiException.badRequest("Only anti-affinity policy supports rules.");
        }
        return Map.of("server_group", ServerGroupView.render(
                groups.create(caller.projectId(), caller.userId(), name, groupPolicy, rules), v));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        GroupRow group = groups.get(id);
        policy.enforce(RULE + "delete", ComputeRules.memberOf(group.projectId()));
        groups.delete(id);
        return Response.noContent().build();
    }

    /** Before 2.64: exactly one policy, the soft ones from 2.15. */
    private static String policies(JsonNode value, ApiVersion v) {
        if (!value.isArray()) {
            throw Bodies.invalid("policies", value, "is not of type 'array'");
        }
        if (value.isEmpty()) {
            throw Bodies.invalid("policies", value, "is too short");
        }
        if (value.size() > 1) {
            throw Bodies.invalid("policies", value, value.get(0).equals(value.get(1))
                    ? "has non-unique elements" : "is too long");
        }
        // Nova's validator names an array item by its index
        return BodyRules.oneOf(value.get(0), "0", SERVER_GROUP_SOFT_POLICIES.contains(v) ? ALL_POLICIES
                : HARD_POLICIES);
    }

    /** From 2.64: {@code {"max_server_per_host": <positive integer>}} or nothing. */
    private static Map<String, String> rules(JsonNode value) {
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw Bodies.invalid("rules", value, "is not of type 'object'");
        }
        Bodies.onlyKnown(value, Set.of("max_server_per_host"));
        JsonNode max = value.get("max_server_per_host");
        if (max == null) {
            return Map.of();
        }
        if (max.isNull() || max.isBoolean()) {
            throw Bodies.invalid("max_server_per_host", max, "is not of type 'integer', 'string'");
        }
        if (max.isTextual() && !max.asText().matches("[0-9]*")) {
            throw Bodies.invalid("max_server_per_host", max, "does not match '^[0-9]*$'");
        }
        Integer n = Bodies.integer(value, "max_server_per_host", 1, Integer.MAX_VALUE, true);
        return Map.of("max_server_per_host", Integer.toString(n));
    }
}
