package dev.stratus.image.metadef.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import dev.stratus.image.metadef.service.NamespaceEditor;
import dev.stratus.image.metadef.service.PropertyDefinitions;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/properties[/{property}]}: a namespace's property definitions;
 * DELETE of all of them. A show with {@code resource_type} takes the name with that association's prefix.
 */
@Path("/v2/metadefs/namespaces/{namespace}/properties")
@Produces(MediaType.APPLICATION_JSON)
public class NamespacePropertiesResource {

    private final Policy policy;
    private final PropertyDefinitions properties;
    private final NamespaceEditor editor;

    public NamespacePropertiesResource(Policy policy, PropertyDefinitions properties, NamespaceEditor editor) {
        this.policy = policy;
        this.properties = properties;
        this.editor = editor;
    }

    @GET
    public Map<String, Object> list(@PathParam("namespace") String namespace) {
        return MetadefView.properties(properties.list(policy.caller(), namespace));
    }

    @POST
    public Response create(@PathParam("namespace") String namespace, String body) {
        var json = MetadefBodies.read(body, MetadefSchemas.property(), MetadefBodies.TIMESTAMPS);
        return Response.status(201)
                .entity(MetadefView.property(properties.create(policy.caller(), namespace, json))).build();
    }

    /** Deletes every property of the namespace (which takes the right to delete the namespace). */
    @DELETE
    public Response deleteAll(@PathParam("namespace") String namespace) {
        editor.deleteProperties(policy.caller(), namespace);
        return Response.noContent().build();
    }

    @GET
    @Path("{property}")
    public ObjectNode show(@PathParam("namespace") String namespace, @PathParam("property") String name,
            @QueryParam("resource_type") String resourceType) {
        return MetadefView.property(properties.show(policy.caller(), namespace, name, resourceType));
    }

    @PUT
    @Path("{property}")
    public ObjectNode update(@PathParam("namespace") String namespace, @PathParam("property") String name,
            String body) {
        var json = MetadefBodies.read(body, MetadefSchemas.property(), MetadefBodies.TIMESTAMPS);
        return MetadefView.property(properties.update(policy.caller(), namespace, name, json));
    }

    @DELETE
    @Path("{property}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("property") String name) {
        properties.delete(policy.caller(), namespace, name);
        return Response.noContent().build();
    }
}
