package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.scheduler.service.ProviderChanges;
import dev.stratus.scheduler.service.ProviderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** /resource_providers/{uuid}/aggregates (1.1; a bare list before 1.19, an object with the generation since). */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProviderAggregatesResource {

    private final ProviderService providers;
    private final ProviderChanges changes;
    private final PlacementViews views;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public ProviderAggregatesResource(ProviderService providers, ProviderChanges changes, PlacementViews views,
            PlacementVersions versions, PlacementPolicy policy) {
        this.providers = providers;
        this.changes = changes;
        this.views = views;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:aggregates:list");
        var aggregates = providers.aggregates(PlacementQueries.providerUuid(uuid));
        return views.aggregates(aggregates.aggregates(), aggregates.generation());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("uuid") String uuid, JsonNode body) {
        policy.enforce("placement:resource_providers:aggregates:update");
        UUID id = PlacementQueries.providerUuid(uuid);
        JsonNode list;
        Integer generation = null;
        if (versions.atLeast("1.19")) {
            Bodies.object(body);
            ResourceProvidersResource.allowOnly(body, "aggregates", "resource_provider_generation");
            generation = Bodies.generation(body, "resource_provider_generation");
            list = Bodies.required(body, "aggregates");
        } else {
            list = body;
        }
        if (list == null || !list.isArray()) {
            throw Bodies.invalid("the aggregates must be an array of uuids");
        }
        Set<UUID> aggregates = new TreeSet<>();
        for (JsonNode a : list) {
            if (!a.isTextual() || !aggregates.add(Bodies.parseUuid(a.asText(), "aggregate"))) {
                throw Bodies.invalid("the aggregates must be unique uuids");
            }
        }
        var updated = changes.replaceAggregates(id, generation, aggregates);
        return views.aggregates(aggregates, updated.generation());
    }
}
