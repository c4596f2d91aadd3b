package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.service.ProviderQuery;
import dev.stratus.scheduler.service.ProviderService;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** /resource_providers: list with filters, create, show, update, delete; the per-provider collections below. */
@Path("/resource_providers")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceProvidersResource {

    private final ProviderService providers;
    private final PlacementViews views;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;
    private final PlacementQueries queries;
    private final InventoriesResource inventories;
    private final ProviderTraitsResource traits;
    private final ProviderAggregatesResource aggregates;

    public ResourceProvidersResource(ProviderService providers, PlacementViews views, PlacementVersions versions,
            PlacementPolicy policy, PlacementQueries queries, InventoriesResource inventories,
            ProviderTraitsResource traits, ProviderAggregatesResource aggregates) {
        this.providers = providers;
        this.views = views;
        this.versions = versions;
        this.policy = policy;
        this.queries = queries;
        this.inventories = inventories;
        this.traits = traits;
        this.aggregates = aggregates;
    }

    @GET
    public Map<String, Object> list(UriInfo uri) {
        policy.enforce("placement:resource_providers:list");
        ProviderQuery query = queries.providerQuery(uri.getQueryParameters());
        return views.providers(providers.list(query));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        policy.enforce("placement:resource_providers:create");
        Bodies.object(body);
        allowOnly(body, versions.atLeast("1.14") ? new String[]{"name", "uuid", "parent_provider_uuid"}
                : new String[]{"name", "uuid"});
        String name = Bodies.string(body, "name", 200, true);
        UUID uuid = Bodies.uuid(body, "uuid", false);
        UUID parent = versions.atLeast("1.14") ? Bodies.uuid(body, "parent_provider_uuid", false) : null;
        ProviderRecord created = providers.create(uuid, name, parent);
        Response.ResponseBuilder response = versions.atLeast("1.20")
                ? Response.ok(views.provider(created)) : Response.status(201);
        return response.location(URI.create("/resource_providers/" + created.uuid())).build();
    }

    @GET
    @Path("{uuid}")
    public Map<String, Object> show(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:show");
        return views.provider(providers.get(PlacementQueries.providerUuid(uuid)));
    }

    @PUT
    @Path("{uuid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("uuid") String uuid, JsonNode body) {
        policy.enforce("placement:resource_providers:update");
        UUID id = PlacementQueries.providerUuid(uuid);
        Bodies.object(body);
        allowOnly(body, versions.atLeast("1.14") ? new String[]{"name", "parent_provider_uuid"} : new String[]{"name"});
        String name = Bodies.string(body, "name", 200, true);
        boolean parentGiven = versions.atLeast("1.14") && body.has("parent_provider_uuid");
        UUID parent = parentGiven ? Bodies.uuid(body, "parent_provider_uuid", false) : null;
        return views.provider(providers.update(id, name, parent, parentGiven));
    }

    @DELETE
    @Path("{uuid}")
    public Response delete(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:delete");
        providers.delete(PlacementQueries.providerUuid(uuid));
        return Response.noContent().build();
    }

    @GET
    @Path("{uuid}/usages")
    public Map<String, Object> usages(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:usages");
        var usages = providers.usages(PlacementQueries.providerUuid(uuid));
        return views.usages(usages.usages(), usages.generation());
    }

    @GET
    @Path("{uuid}/allocations")
    public Map<String, Object> allocations(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:allocations:list");
        var allocations = providers.allocations(PlacementQueries.providerUuid(uuid));
        Map<String, Object> byConsumer = new java.util.LinkedHashMap<>();
        allocations.byConsumer().forEach((consumer, resources) ->
                byConsumer.put(consumer.toString(), Map.of("resources", resources)));
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("allocations", byConsumer);
        view.put("resource_provider_generation", allocations.generation());
        return view;
    }

    @Path("{uuid}/inventories")
    public InventoriesResource inventories() {
        return inventories;
    }

    @Path("{uuid}/traits")
    public ProviderTraitsResource traits() {
        versions.require("1.6");
        return traits;
    }

    @Path("{uuid}/aggregates")
    public ProviderAggregatesResource aggregates() {
        versions.require("1.1");
        return aggregates;
    }

    static void allowOnly(JsonNode body, String... fields) {
        var allowed = java.util.Set.of(fields);
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw ApiException.badRequest("JSON does not validate: Additional properties are not allowed ('" + f
                        + "' was unexpected)");
            }
        });
    }
}
