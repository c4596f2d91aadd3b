package dev.stratus.image.metadef.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.persistence.ObjectRow;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import dev.stratus.image.metadef.service.ListParameters;
import dev.stratus.image.metadef.service.NamespaceEditor;
import dev.stratus.image.metadef.service.ObjectDefinitions;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /v2/metadefs/namespaces/{namespace}/objects[/{object}]}: a namespace's objects; DELETE of all of them. */
@Path("/v2/metadefs/namespaces/{namespace}/objects")
@Produces(MediaType.APPLICATION_JSON)
public class NamespaceObjectsResource {

    private final Policy policy;
    private final ObjectDefinitions objects;
    private final NamespaceEditor editor;

    public NamespaceObjectsResource(Policy policy, ObjectDefinitions objects, NamespaceEditor editor) {
        this.policy = policy;
        this.objects = objects;
        this.editor = editor;
    }

    /** Glance checks the paging parameters but lists every object. */
    @GET
    public Map<String, Object> list(@PathParam("namespace") String namespace, @QueryParam("limit") String limit,
            @QueryParam("sort_dir") String sortDir, @QueryParam("visibility") String visibility) {
        ListParameters.ascending(sortDir);
        ListParameters.visibility(visibility, Set.of("public", "private", "shared"));
        if (limit != null) {
            ListParameters.positive(ListParameters.integer(limit), false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", objects.list(policy.caller(), namespace).stream()
                .map(o -> MetadefView.object(namespace, o)).toList());
        // Glance's link, without its leading slash.
        body.put("schema", "v2/schemas/metadefs/objects");
        return body;
    }

    @POST
    public Response create(@PathParam("namespace") String namespace, String body) {
        JsonNode json = MetadefBodies.read(body, MetadefSchemas.object(), MetadefBodies.GENERATED);
        json.path("properties").forEach(p -> MetadefBodies.validate(MetadefSchemas.unnamedProperty(), p));
        ObjectRow created = objects.create(policy.caller(), namespace, json);
        return Response.status(201).entity(MetadefView.object(namespace, created)).build();
    }

    /** Deletes every object of the namespace (which takes the right to delete the namespace). */
    @DELETE
    public Response deleteAll(@PathParam("namespace") String namespace) {
        editor.deleteObjects(policy.caller(), namespace);
        return Response.noContent().build();
    }

    @GET
    @Path("{object}")
    public Map<String, Object> show(@PathParam("namespace") String namespace, @PathParam("object") String name) {
        return MetadefView.object(namespace, objects.show(policy.caller(), namespace, name));
    }

    @PUT
    @Path("{object}")
    public Map<String, Object> update(@PathParam("namespace") String namespace, @PathParam("object") String name,
            String body) {
        JsonNode json = MetadefBodies.read(body, MetadefSchemas.object(), MetadefBodies.GENERATED);
        return MetadefView.object(namespace, objects.update(policy.caller(), namespace, name, json));
    }

    @DELETE
    @Path("{object}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("object") String name) {
        objects.delete(policy.caller(), namespace, name);
        return Response.noContent().build();
    }
}
