package dev.stratus.image.metadef.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import dev.stratus.image.metadef.service.AssociationInput;
import dev.stratus.image.metadef.service.ResourceTypes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /v2/metadefs/namespaces/{namespace}/resource_types[/{resource_type}]}: a namespace's associations. */
@Path("/v2/metadefs/namespaces/{namespace}/resource_types")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceTypeAssociationsResource {

    private final Policy policy;
    private final ResourceTypes resourceTypes;

    public ResourceTypeAssociationsResource(Policy policy, ResourceTypes resourceTypes) {
        this.policy = policy;
        this.resourceTypes = resourceTypes;
    }

    @GET
    public Map<String, Object> list(@PathParam("namespace") String namespace) {
        return Map.of("resource_type_associations", resourceTypes.associations(policy.caller(), namespace).stream()
                .map(MetadefView::association).toList());
    }

    @POST
    public Response create(@PathParam("namespace") String namespace, String body) {
        var json = MetadefBodies.read(body, MetadefSchemas.resourceTypeAssociation(), MetadefBodies.TIMESTAMPS);
        var created = resourceTypes.associate(policy.caller(), namespace, AssociationInput.of(json));
        return Response.status(201).entity(MetadefView.association(created)).build();
    }

    @DELETE
    @Path("{resource_type}")
    public Response delete(@PathParam("namespace") String namespace,
            @PathParam("resource_type") String resourceType) {
        resourceTypes.dissociate(policy.caller(), namespace, resourceType);
        return Response.noContent().build();
    }
}
