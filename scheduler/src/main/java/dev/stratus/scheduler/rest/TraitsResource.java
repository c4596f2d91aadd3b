package dev.stratus.scheduler.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.service.CatalogService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** /traits (1.6): list with name=in:/startswith: and associated=, and custom traits by name. */
@Path("/traits")
@Produces(MediaType.APPLICATION_JSON)
public class TraitsResource {

    private final CatalogService catalog;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public TraitsResource(CatalogService catalog, PlacementVersions versions, PlacementPolicy policy) {
        this.catalog = catalog;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@QueryParam("name") String name, @QueryParam("associated") String associated) {
        versions.require("1.6");
        policy.enforce("placement:traits:list");
        Predicate<String> filter = n -> true;
        if (name != null) {
            if (name.startsWith("in:")) {
                Set<String> names = Set.of(name.substring(3).split(","));
                filter = names::contains;
            } else if (name.startsWith("startswith:")) {
                String prefix = name.substring("startswith:".length());
                filter = n -> n.startsWith(prefix);
            } else {
                throw ApiException.badRequest("Badly formatted name parameter. Expected name query string parameter in"
                        + " form: ?name=[in|startswith]:[name1,name2|prefix]. Got: \"" + name + "\"");
            }
        }
        Boolean onlyAssociated = null;
        if (associated != null) {
            String a = associated.toLowerCase(java.util.Locale.ROOT);
            if (a.isEmpty() || a.equals("true") || a.equals("1") || a.equals("yes")) {
                onlyAssociated = true;
            } else if (a.equals("false") || a.equals("0") || a.equals("no")) {
                onlyAssociated = false;
            } else {
                throw ApiException.badRequest("Invalid query string parameters: 'associated' must be true or false");
            }
        }
        List<String> traits = catalog.traits(filter, onlyAssociated);
        return Map.of("traits", traits);
    }

    @GET
    @Path("{name}")
    public Response show(@PathParam("name") String name) {
        versions.require("1.6");
        policy.enforce("placement:traits:show");
        if (!catalog.traitExists(name)) {
            throw ApiException.notFound("No such trait(s): " + name);
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}")
    public Response create(@PathParam("name") String name) {
        versions.require("1.6");
        policy.enforce("placement:traits:update");
        boolean created = catalog.createTrait(name);
        return (created ? Response.status(201) : Response.noContent()).location(URI.create("/traits/" + name)).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        versions.require("1.6");
        policy.enforce("placement:traits:delete");
        catalog.deleteTrait(name);
        return Response.noContent().build();
    }
}
