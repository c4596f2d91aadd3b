package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.ExternalEvents;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v2.1/os-server-external-events} (admins and services): events about servers, checked with Nova's
 * schema for the microversion (the event names grow with it), answered 200 when every event was taken and 207
 * otherwise, each event with its own code.
 */
@Path("/v2.1/os-server-external-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerExternalEventsResource {

    private static final List<String> STATUSES = List.of("failed", "completed", "in-progress");
    private static final Set<String> FIELDS = Set.of("name", "server_uuid", "status", "tag");

    private final ExternalEvents events;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ServerExternalEventsResource(ExternalEvents events, Policy policy, RequestedMicroversion version) {
        this.events = events;
        this.policy = policy;
        this.version = version;
    }

    @POST
    public Response create(JsonNode body) {
        List<ExternalEvents.Event> parsed = parse(body, version.get());
        policy.enforce("os_compute_api:os-server-external-events:create", Policy.adminOrService());
        ExternalEvents.Outcome outcome = events.accept(parsed);
        return Response.status(outcome.status()).entity(Map.of("events", outcome.events())).build();
    }

    static List<ExternalEvents.Event> parse(JsonNode body, ApiVersion version) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body is missing or is not a JSON object.");
        }
        Bodies.onlyKnown(body, Set.of("events"));
        JsonNode list = body.get("events");
        if (list == null) {
            throw ApiException.badRequest("Invalid input for field/attribute events. Value: " + body
                    + ". 'events' is a required property");
        }
        if (!list.isArray()) {
            throw Bodies.invalid("events", list, "is not of type 'array'");
        }
        if (list.isEmpty()) {
            throw Bodies.invalid("events", list, "is too short");
        }
        List<String> names = names(version);
        List<ExternalEvents.Event> parsed = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.isObject()) {
                throw Bodies.invalid("events", e, "is not of type 'object'");
            }
            Bodies.onlyKnown(e, FIELDS);
            String name = Bodies.requiredString(e, "name", 0, Integer.MAX_VALUE);
            if (!names.contains(name)) {
                throw Bodies.invalid("name", e.get("name"), "is not one of " + quoted(names));
            }
            String server = Bodies.requiredString(e, "server_uuid", 0, Integer.MAX_VALUE);
            if (!Bodies.isUuid(server)) {
                throw Bodies.invalid("server_uuid", e.get("server_uuid"), "is not a 'uuid'");
            }
            String status = Bodies.optionalString(e, "status", 0, Integer.MAX_VALUE);
            if (status != null && !STATUSES.contains(status)) {
                throw Bodies.invalid("status", e.get("status"), "is not one of " + quoted(STATUSES));
            }
            String tag = Bodies.optionalString(e, "tag", 0, 255);
            parsed.add(new ExternalEvents.Event(server, name, status == null ? "completed" : status, tag));
        }
        return parsed;
    }

    private static List<String> names(ApiVersion version) {
        List<String> names = new ArrayList<>(List.of("network-changed", "network-vif-plugged",
                "network-vif-unplugged", "network-vif-deleted"));
        if (ComputeVersions.EVENT_VOLUME_EXTENDED.contains(version)) {
            names.add("volume-extended");
        }
        if (ComputeVersions.EVENT_POWER_UPDATE.contains(version)) {
            names.add("power-update");
        }
        if (ComputeVersions.EVENT_ACCELERATOR_BOUND.contains(version)) {
            names.add("accelerator-request-bound");
        }
        if (ComputeVersions.EVENT_VOLUME_REIMAGED.contains(version)) {
            names.add("volume-reimaged");
        }
        return names;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").toList().toString();
    }
}
