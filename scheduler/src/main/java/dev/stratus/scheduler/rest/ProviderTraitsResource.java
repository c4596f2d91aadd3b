package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.scheduler.service.ProviderChanges;
import dev.stratus.scheduler.service.ProviderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** /resource_providers/{uuid}/traits (1.6). */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProviderTraitsResource {

    private final ProviderService providers;
    private final ProviderChanges changes;
    private final PlacementViews views;
    private final PlacementPolicy policy;

    public ProviderTraitsResource(ProviderService providers, ProviderChanges changes, PlacementViews views,
            PlacementPolicy policy) {
        this.providers = providers;
        this.changes = changes;
        this.views = views;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:traits:list");
        var traits = providers.traits(PlacementQueries.providerUuid(uuid));
        return views.traits(traits.traits(), traits.generation());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("uuid") String uuid, JsonNode body) {
        policy.enforce("placement:resource_providers:traits:update");
        UUID id = PlacementQueries.providerUuid(uuid);
        Bodies.object(body);
        ResourceProvidersResource.allowOnly(body, "traits", "resource_provider_generation");
        int generation = Bodies.generation(body, "resource_provider_generation");
        JsonNode list = Bodies.required(body, "traits");
        if (!list.isArray()) {
            throw Bodies.invalid("'traits' must be an array");
        }
        Set<String> traits = new TreeSet<>();
        for (JsonNode t : list) {
            if (!t.isTextual() || !traits.add(t.asText())) {
                throw Bodies.invalid("'traits' must hold unique strings");
            }
        }
        var updated = changes.replaceTraits(id, generation, traits);
        return views.traits(traits, updated.generation());
    }

    @DELETE
    public Response delete(@PathParam("uuid") String uuid) {
        policy.enforce("placement:resource_providers:traits:delete");
        changes.deleteTraits(PlacementQueries.providerUuid(uuid));
        return Response.noContent().build();
    }
}
