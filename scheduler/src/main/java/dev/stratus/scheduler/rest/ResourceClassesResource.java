package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.service.CatalogService;
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
import java.util.Map;

/** /resource_classes (1.2): the standard classes and custom CUSTOM_* ones. */
@Path("/resource_classes")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceClassesResource {

    private final CatalogService catalog;
    private final PlacementViews views;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public ResourceClassesResource(CatalogService catalog, PlacementViews views, PlacementVersions versions,
            PlacementPolicy policy) {
        this.catalog = catalog;
        this.views = views;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list() {
        versions.require("1.2");
        policy.enforce("placement:resource_classes:list");
        return Map.of("resource_classes", catalog.resourceClasses().stream().map(views::resourceClass).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        versions.require("1.2");
        policy.enforce("placement:resource_classes:create");
        Bodies.object(body);
        ResourceProvidersResource.allowOnly(body, "name");
        String name = Bodies.string(body, "name", 255, true);
        catalog.createResourceClass(name, true);
        return Response.status(201).location(URI.create("/resource_classes/" + name)).build();
    }

    @GET
    @Path("{name}")
    public Map<String, Object> show(@PathParam("name") String name) {
        versions.require("1.2");
        policy.enforce("placement:resource_classes:show");
        if (!catalog.resourceClassExists(name)) {
            throw ApiException.notFound("No such resource class " + name + ".");
        }
        return views.resourceClass(name);
    }

    @PUT
    @Path("{name}")
    public Response createByName(@PathParam("name") String name) {
        versions.require("1.7");
        policy.enforce("placement:resource_classes:update");
        if (catalog.resourceClassExists(name) && !name.startsWith("CUSTOM_")) {
            return Response.noContent().build();
        }
        boolean created = catalog.createResourceClass(name, false);
        return (created ? Response.status(201) : Response.noContent())
                .location(URI.create("/resource_classes/" + name)).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        versions.require("1.2");
        policy.enforce("placement:resource_classes:delete");
        catalog.deleteResourceClass(name);
        return Response.noContent().build();
    }
}
