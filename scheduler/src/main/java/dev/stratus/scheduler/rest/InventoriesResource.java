package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.service.ProviderChanges;
import dev.stratus.scheduler.service.ProviderService;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** /resource_providers/{uuid}/inventories and /{resource_class}, with generation checks. */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InventoriesResource {

    private static final String[] FIELDS = {"total", "reserved", "min_unit", "max_unit", "step_size",
        "allocation_ratio"};

    private final ProviderService providers;
    private final ProviderChanges changes;
    private final PlacementViews views;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public InventoriesResource(ProviderService providers, ProviderChanges changes, PlacementViews views,
            PlacementVersions versions, PlacementPolicy policy) {
        this.providers = providers;
        this.changes = changes;
        this.views = views;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:inventories:list");
        var inv = providers.inventories(PlacementQueries.providerUuid(uuid));
        return views.inventories(inv.inventories(), inv.generation());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("uuid") String uuid, JsonNode body) {
        policy.enforce("placement:resource_providers:inventories:update");
        UUID id = PlacementQueries.providerUuid(uuid);
        Bodies.object(body);
        ResourceProvidersResource.allowOnly(body, "inventories", "resource_provider_generation");
        int generation = Bodies.generation(body, "resource_provider_generation");
        JsonNode inventories = Bodies.required(body, "inventories");
        if (!inventories.isObject()) {
            throw Bodies.invalid("'inventories' must be an object");
        }
        Map<String, InventoryRecord> wanted = new LinkedHashMap<>();
        inventories.fields().forEachRemaining(e -> wanted.put(e.getKey(), inventory(e.getKey(), e.getValue())));
        ProviderRecord updated = changes.replaceInventories(id, generation, wanted);
        return views.inventories(wanted, updated.generation());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("uuid") String uuid, JsonNode body) {
        policy.enforce("placement:resource_providers:inventories:create");
        UUID id = PlacementQueries.providerUuid(uuid);
        Bodies.object(body);
        String rc = Bodies.string(body, "resource_class", 255, true);
        int generation = Bodies.generation(body, "resource_provider_generation");
        ObjectWithout fields = new ObjectWithout(body, "resource_class", "resource_provider_generation");
        InventoryRecord inv = inventory(rc, fields.node());
        ProviderRecord updated = changes.addInventory(id, generation, inv);
        return Response.status(201).location(URI.create("/resource_providers/" + id + "/inventories/" + rc))
                .entity(views.inventory(inv, updated.generation())).build();
    }

    @DELETE
    public Response deleteAll(@PathParam("uuid") String uuid) {
        versions.require("1.5");
        policy.enforce("placement:resource_providers:inventories:delete");
        changes.deleteInventories(PlacementQueries.providerUuid(uuid));
        return Response.noContent().build();
    }

    @GET
    @Path("{resource_class}")
    public Map<String, Object> show(@PathParam("uuid") String uuid, @PathParam("resource_class") String rc) {
        policy.enforce("placement:resource_providers:inventories:show");
        UUID id = PlacementQueries.providerUuid(uuid);
        var inv = providers.inventories(id);
        InventoryRecord record = inv.inventories().get(rc);
        if (record == null) {
            throw ApiException.notFound("No inventory of class " + rc + " for " + id);
        }
        return views.inventory(record, inv.generation());
    }

    @PUT
    @Path("{resource_class}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@PathParam("uuid") String uuid, @PathParam("resource_class") String rc,
            JsonNode body) {
        policy.enforce("placement:resource_providers:inventories:update");
        UUID id = PlacementQueries.providerUuid(uuid);
        Bodies.object(body);
        int generation = Bodies.generation(body, "resource_provider_generation");
        InventoryRecord inv = inventory(rc, new ObjectWithout(body, "resource_provider_generation").node());
        ProviderRecord updated = changes.putInventory(id, generation, inv);
        return views.inventory(inv, updated.generation());
    }

    @DELETE
    @Path("{resource_class}")
    public Response delete(@PathParam("uuid") String uuid, @PathParam("resource_class") String rc) {
        policy.enforce("placement:resource_providers:inventories:delete");
        changes.deleteInventory(PlacementQueries.providerUuid(uuid), rc);
        return Response.noContent().build();
    }

    private InventoryRecord inventory(String rc, JsonNode body) {
        if (!body.isObject()) {
            throw Bodies.invalid("the inventory of " + rc + " must be an object");
        }
        ResourceProvidersResource.allowOnly(body, FIELDS);
        long total = Bodies.integer(body, "total", 1, null);
        long reserved = Bodies.integer(body, "reserved", 0, 0L);
        long minUnit = Bodies.integer(body, "min_unit", 1, 1L);
        long maxUnit = Bodies.integer(body, "max_unit", 1, (long) Integer.MAX_VALUE);
        long stepSize = Bodies.integer(body, "step_size", 1, 1L);
        double ratio = 1.0;
        JsonNode r = body.get("allocation_ratio");
        if (r != null) {
            if (!r.isNumber() || r.asDouble() <= 0 || r.asDouble() > 3.40282e38) {
                throw Bodies.invalid("'allocation_ratio' must be a number greater than 0");
            }
            ratio = r.asDouble();
        }
        boolean tooMuchReserved = versions.atLeast("1.26") ? reserved > total : reserved >= total && reserved > 0;
        if (tooMuchReserved) {
            throw ApiException.badRequest("Unable to update inventory for resource provider: Invalid inventory for '"
                    + rc + "'. The reserved value is greater than " + (versions.atLeast("1.26") ? "" : "or equal to ")
                    + "total.");
        }
        if (minUnit > maxUnit) {
            throw ApiException.badRequest("Unable to update inventory: Invalid inventory for '" + rc
                    + "'. min_unit is greater than max_unit.");
        }
        return new InventoryRecord(rc, total, reserved, minUnit, maxUnit, stepSize, ratio);
    }

    /** A copy of a JSON object without some fields (those that are not inventory fields). */
    private record ObjectWithout(JsonNode node) {
        ObjectWithout(JsonNode body, String... drop) {
            this(strip(body, drop));
        }

        private static JsonNode strip(JsonNode body, String... drop) {
            var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy();
            for (String field : drop) {
                copy.remove(field);
            }
            return copy;
        }
    }
}
