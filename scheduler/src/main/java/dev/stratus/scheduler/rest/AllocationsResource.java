package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.service.AllocationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.util.TreeMap;
import java.util.UUID;

/** /allocations/{consumer_uuid} (GET, PUT, DELETE) and POST /allocations (1.13, several consumers at once). */
@Path("/allocations")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationsResource {

    /** Placement's owner of consumers written before project and user were required (1.8). */
    static final String INCOMPLETE_OWNER = "00000000-0000-0000-0000-000000000000";

    private final AllocationService allocations;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public AllocationsResource(AllocationService allocations, PlacementVersions versions, PlacementPolicy policy) {
        this.allocations = allocations;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    @Path("{consumer}")
    public Map<String, Object> show(@PathParam("consumer") String consumer) {
        policy.enforce("placement:allocations:list");
        var found = allocations.get(consumerUuid(consumer));
        Map<String, Object> byProvider = new LinkedHashMap<>();
        for (var part : found.parts()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("generation", part.generation());
            entry.put("resources", part.resources());
            byProvider.put(part.provider().toString(), entry);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("allocations", byProvider);
        found.consumer().ifPresent(c -> {
            if (versions.atLeast("1.12")) {
                view.put("project_id", c.projectId());
                view.put("user_id", c.userId());
            }
            if (versions.atLeast("1.28")) {
                view.put("consumer_generation", c.generation());
            }
        });
        return view;
    }

    @PUT
    @Path("{consumer}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("consumer") String consumer, JsonNode body) {
        policy.enforce("placement:allocations:update");
        allocations.replace(change(consumerUuid(consumer), body));
        return Response.noContent().build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceMany(JsonNode body) {
        versions.require("1.13");
        policy.enforce("placement:allocations:manage");
        Bodies.object(body);
        List<AllocationService.ConsumerChange> changes = new ArrayList<>();
        body.fields().forEachRemaining(e -> changes.add(change(consumerUuid(e.getKey()), e.getValue())));
        if (changes.isEmpty()) {
            throw Bodies.invalid("at least one consumer is required");
        }
        allocations.replaceAll(changes);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{consumer}")
    public Response delete(@PathParam("consumer") String consumer) {
        policy.enforce("placement:allocations:delete");
        allocations.delete(consumerUuid(consumer));
        return Response.noContent().build();
    }

    private AllocationService.ConsumerChange change(UUID consumer, JsonNode body) {
        Bodies.object(body);
        boolean dict = versions.atLeast("1.12");
        boolean generations = versions.atLeast("1.28");
        List<String> allowed = new ArrayList<>(List.of("allocations"));
        if (versions.atLeast("1.8")) {
            allowed.addAll(List.of("project_id", "user_id"));
        }
        if (generations) {
            allowed.add("consumer_generation");
        }
        ResourceProvidersResource.allowOnly(body, allowed.toArray(String[]::new));
        JsonNode list = Bodies.required(body, "allocations");
        Map<UUID, Map<String, Long>> byProvider = new LinkedHashMap<>();
        if (dict) {
            if (!list.isObject()) {
                throw Bodies.invalid("'allocations' must be an object keyed by resource provider uuid");
            }
            list.fields().forEachRemaining(e -> put(byProvider, Bodies.parseUuid(e.getKey(), "resource provider"),
                    e.getValue()));
        } else {
            if (!list.isArray()) {
                throw Bodies.invalid("'allocations' must be an array");
            }
            for (JsonNode item : list) {
                Bodies.object(item);
                JsonNode rp = Bodies.required(item, "resource_provider");
                Bodies.object(rp);
                put(byProvider, Bodies.uuid(rp, "uuid", true), item);
            }
        }
        if (byProvider.isEmpty() && !generations) {
            throw Bodies.invalid("'allocations' does not have enough properties");
        }
        String project = versions.atLeast("1.8") ? Bodies.string(body, "project_id", 255, true) : INCOMPLETE_OWNER;
        String user = versions.atLeast("1.8") ? Bodies.string(body, "user_id", 255, true) : INCOMPLETE_OWNER;
        Integer generation = null;
        if (generations) {
            JsonNode g = Bodies.required(body, "consumer_generation");
            if (!g.isNull() && !g.isIntegralNumber()) {
                throw Bodies.invalid("'consumer_generation' must be an integer or null");
            }
            generation = g.isNull() ? null : g.asInt();
        }
        return new AllocationService.ConsumerChange(consumer, byProvider, project, user, generations, generation);
    }

    private static void put(Map<UUID, Map<String, Long>> byProvider, UUID provider, JsonNode entry) {
        Bodies.object(entry);
        JsonNode resources = Bodies.required(entry, "resources");
        if (!resources.isObject() || resources.isEmpty()) {
            throw Bodies.invalid("'resources' must be a non-empty object");
        }
        Map<String, Long> amounts = new TreeMap<>();
        resources.fields().forEachRemaining(r -> {
            if (!r.getValue().isIntegralNumber() || r.getValue().asLong() < 1) {
                throw Bodies.invalid("the amount of " + r.getKey() + " must be an integer of at least 1");
            }
            amounts.put(r.getKey(), r.getValue().asLong());
        });
        byProvider.put(provider, amounts);
    }

    private static UUID consumerUuid(String text) {
        try {
            return Bodies.parseUuid(text, "consumer");
        } catch (ApiException e) {
            throw ApiException.badRequest("Malformed consumer_uuid: " + text);
        }
    }
}
