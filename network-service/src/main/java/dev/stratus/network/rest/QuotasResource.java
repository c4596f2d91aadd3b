package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.PythonText;
import dev.stratus.network.api.Values;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.QuotaAdmin;
import dev.stratus.network.service.Quotas;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2.0/quotas}: limits per project, their defaults, and usage details. */
@Path("/v2.0/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotasResource {

    private final QuotaAdmin quotas;
    private final Access access;

    public QuotasResource(QuotaAdmin quotas, Access access) {
        this.quotas = quotas;
        this.access = access;
    }

    @GET
    public Map<String, Object> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        quotas.nonDefault(access.caller()).forEach((project, limits) -> {
            Map<String, Object> entry = new LinkedHashMap<>(limits);
            entry.put("project_id", project);
            entry.put("tenant_id", project);
            out.add(entry);
        });
        return Map.of("quotas", out);
    }

    /** The caller's own project (Neutron's {@code /quotas/tenant} and {@code /quotas/project}). */
    @GET
    @Path("tenant")
    public Map<String, Object> tenant() {
        return Map.of("tenant", Map.of("tenant_id", access.caller().projectId()));
    }

    @GET
    @Path("project")
    public Map<String, Object> project() {
        return Map.of("project", Map.of("project_id", access.caller().projectId()));
    }

    @GET
    @Path("{project}")
    public Map<String, Object> show(@PathParam("project") String project) {
        return Map.of("quota", quotas.limits(access.caller(), project));
    }

    @GET
    @Path("{project}/default")
    public Map<String, Object> defaults(@PathParam("project") String project) {
        return Map.of("quota", quotas.defaults(access.caller(), project));
    }

    @GET
    @Path("{project}/details")
    public Map<String, Object> details(@PathParam("project") String project) {
        Map<String, Object> out = new LinkedHashMap<>();
        quotas.details(access.caller(), project).forEach((resource, usage) -> out.put(resource, Map.of(
                "used", usage.used(), "limit", usage.limit(), "reserved", usage.reserved())));
        return Map.of("quota", out);
    }

    @PUT
    @Path("{project}")
    public Map<String, Object> update(@PathParam("project") String project, JsonNode body) {
        Caller caller = access.caller();
        return Map.of("quota", quotas.update(caller, project, limits(body)));
    }

    @DELETE
    @Path("{project}")
    public Response reset(@PathParam("project") String project) {
        quotas.reset(access.caller(), project);
        return Response.noContent().build();
    }

    private static Map<String, Integer> limits(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw Faults.badRequest("Resource body required");
        }
        JsonNode quota = body.get("quota");
        if (quota == null || !quota.isObject()) {
            throw Faults.badRequest("Unable to find 'quota' in request body");
        }
        List<String> unknown = new ArrayList<>();
        quota.fieldNames().forEachRemaining(k -> {
            if (!Quotas.RESOURCES.contains(k) && !k.equals("force") && !k.equals("check_limit")) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw Faults.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        quota.fields().forEachRemaining(e -> {
            if (Quotas.RESOURCES.contains(e.getKey())) {
                JsonNode v = e.getValue();
                if (v.isBoolean() || v.isNull()) {
                    throw Faults.badRequest("Invalid input for " + e.getKey() + ". Reason: '" + PythonText.of(v)
                            + "' is not an integer.");
                }
                limits.put(e.getKey(), Values.toInt(v));
            }
        });
        return limits;
    }
}
