package dev.stratus.compute.api.operator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import dev.stratus.compute.api.operator.service.AvailabilityZones.ZonedService;
import dev.stratus.compute.api.operator.service.ServiceAdmin;
import dev.stratus.compute.api.operator.service.ServiceAdmin.Change;
import dev.stratus.compute.api.operator.service.ServiceLiveness;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.VersionedFields;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /os-services}: compute services and their status, for operators. */
@Path("/v2.1/os-services")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final String RULE = "os_compute_api:os-services:";

    private final Policy policy;
    private final RequestedMicroversion version;
    private final AvailabilityZones zones;
    private final ServiceRecords services;
    private final ServiceAdmin admin;
    private final ServiceLiveness liveness;

    public ServicesResource(Policy policy, RequestedMicroversion version, AvailabilityZones zones,
            ServiceRecords services, ServiceAdmin admin, ServiceLiveness liveness) {
        this.policy = policy;
        this.version = version;
        this.zones = zones;
        this.services = services;
        this.admin = admin;
        this.liveness = liveness;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        policy.enforce(RULE + "list", Policy.admin());
        QueryParameters.onlyKnownFrom(uri, version, ComputeVersions.STRICT_QUERY, Set.of("host", "binary"));
        var listed = zones.services(QueryParameters.first(uri, "host"), QueryParameters.first(uri, "binary"));
        return Map.of("services", ServiceViews.SERVICE.renderAll(listed, null, version.get()));
    }

    /** Before 2.53 the last segment is an action name; from 2.53 it is the service's uuid. */
    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, String body) {
        policy.enforce(RULE + "update", Policy.admin());
        JsonNode request = RequestBodies.parse(body);
        if (ComputeVersions.SERVICE_UPDATE_BY_ID.contains(version.get())) {
            return updateById(id, request);
        }
        // As in Nova, the body is checked against the microversion's schema before the action is looked at.
        boolean forceDown = ComputeVersions.SERVICE_FORCED_DOWN.contains(version.get());
        RequestBodies.onlyKeys(request, null, forceDown ? Set.of("host", "binary", "disabled_reason", "forced_down")
                : Set.of("host", "binary", "disabled_reason"));
        RequestBodies.required(request, null, "host");
        RequestBodies.required(request, null, "binary");
        String host = RequestBodies.host(request, "host");
        String binary = RequestBodies.string(request, "binary", false);
        String reason = RequestBodies.string(request, "disabled_reason", false);
        Boolean forcedDown = RequestBodies.bool(request, "forced_down");
        return switch (id) {
            case "enable" -> render(ServiceViews.STATUS_CHANGE,
                    admin.updateByHost(host, binary, new Change(false, null, null)));
            case "disable" -> render(ServiceViews.STATUS_CHANGE,
                    admin.updateByHost(host, binary, new Change(true, null, null)));
            case "disable-log-reason" -> {
                if (reason == null) {
                    throw ApiException.badRequest("Missing disabled reason field");
                }
                yield render(ServiceViews.DISABLE_WITH_REASON,
                        admin.updateByHost(host, binary, new Change(true, reason, null)));
            }
            case "force-down" -> {
                if (!forceDown) {
                    throw unknownAction();
                }
                if (forcedDown == null) {
                    throw ApiException.badRequest("Missing forced_down field");
                }
                yield render(ServiceViews.FORCED_DOWN_CHANGE,
                        admin.updateByHost(host, binary, new Change(null, null, forcedDown)));
            }
            default -> throw unknownAction();
        };
    }

    private Map<String, Object> render(VersionedFields<ServiceRow, Void> view, ServiceRow service) {
        return Map.of("service", view.render(service, null, version.get()));
    }

    private static ApiException unknownAction() {
        return ApiException.notFound("Unknown action");
    }

    private Map<String, Object> updateById(String id, JsonNode request) {
        if (!UUID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid uuid " + id);
        }
        RequestBodies.onlyKeys(request, null, Set.of("status", "disabled_reason", "forced_down"));
        String status = RequestBodies.string(request, "status", false);
        if (status != null && !status.equals("enabled") && !status.equals("disabled")) {
            throw RequestBodies.invalid("status", "'" + status + "' is not one of ['enabled', 'disabled']");
        }
        String reason = RequestBodies.string(request, "disabled_reason", false);
        Boolean forcedDown = RequestBodies.bool(request, "forced_down");
        if (reason != null && "enabled".equals(status)) {
            throw ApiException.badRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
        }
        if (status == null && forcedDown == null) {
            throw ApiException.badRequest("No updates were requested. Fields 'status' or 'forced_down' should be "
                    + "specified.");
        }
        ServiceRow service = services.byUuid(id)
                .orElseThrow(() -> ApiException.notFound("Service " + id + " could not be found."));
        ServiceRow updated = admin.update(service,
                new Change(status == null ? null : status.equals("disabled"), reason, forcedDown));
        ZonedService zoned = new ZonedService(updated, zones.zoneOf(updated), liveness.isUp(updated));
        return Map.of("service", ServiceViews.SERVICE.render(zoned, null, version.get()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        policy.enforce(RULE + "delete", Policy.admin());
        ServiceRow service;
        if (ComputeVersions.OPERATOR_UUID_IDS.contains(version.get())) {
            if (!UUID.matcher(id).matches()) {
                throw ApiException.badRequest("Invalid uuid " + id);
            }
            service = services.byUuid(id).orElseThrow(() -> notFound(id));
        } else {
            service = services.byId(integerId(id)).orElseThrow(() -> notFound(id));
        }
        admin.delete(service);
        return Response.noContent().build();
    }

    static int integerId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid input received: id must be an integer");
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Service " + id + " not found.");
    }
}
