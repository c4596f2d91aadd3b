package dev.stratus.image.metadef.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.persistence.TagRow;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import dev.stratus.image.metadef.service.NamespaceEditor;
import dev.stratus.image.metadef.service.TagDefinitions;
import dev.stratus.image.metadef.service.TagListQuery;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/tags[/{tag}]}: a namespace's tag definitions. {@code POST} of the
 * collection creates a list of tags, replacing the others unless {@code X-Openstack-Append} is true; {@code POST}
 * of a tag creates that one; {@code DELETE} of the collection deletes them all.
 */
@Path("/v2/metadefs/namespaces/{namespace}/tags")
@Produces(MediaType.APPLICATION_JSON)
public class NamespaceTagsResource {

    /** oslo's {@code bool_from_string} true values. */
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");

    private final Policy policy;
    private final TagDefinitions tags;
    private final NamespaceEditor editor;

    public NamespaceTagsResource(Policy policy, TagDefinitions tags, NamespaceEditor editor) {
        this.policy = policy;
        this.tags = tags;
        this.editor = editor;
    }

    @GET
    public Map<String, Object> list(@PathParam("namespace") String namespace, @Context UriInfo uri) {
        TagListQuery query = TagListQuery.of(uri.getQueryParameters());
        return Map.of("tags", tags.list(policy.caller(), namespace, query).stream().map(MetadefView::tagName).toList());
    }

    @POST
    public Response createAll(@PathParam("namespace") String namespace,
            @HeaderParam("X-Openstack-Append") String append, String body) {
        JsonNode json = MetadefBodies.read(body, MetadefSchemas.tagList(), MetadefBodies.TIMESTAMPS);
        List<String> names = new ArrayList<>();
        json.path("tags").forEach(t -> names.add(t.get("name").asText()));
        boolean appending = append != null && TRUE.contains(append.trim().toLowerCase(Locale.ROOT));
        List<TagRow> created = tags.createAll(policy.caller(), namespace, names, appending);
        return Response.status(201)
                .entity(Map.of("tags", created.stream().map(MetadefView::tagName).toList())).build();
    }

    /** Deletes every tag of the namespace (which takes the right to delete the namespace). */
    @DELETE
    public Response deleteAll(@PathParam("namespace") String namespace) {
        editor.deleteTags(policy.caller(), namespace);
        return Response.noContent().build();
    }

    @GET
    @Path("{tag}")
    public Map<String, Object> show(@PathParam("namespace") String namespace, @PathParam("tag") String name) {
        return MetadefView.tag(tags.show(policy.caller(), namespace, name));
    }

    /** Creates one tag, named by the path (any body is ignored). */
    @POST
    @Path("{tag}")
    public Response create(@PathParam("namespace") String namespace, @PathParam("tag") String name) {
        return Response.status(201).entity(MetadefView.tag(tags.create(policy.caller(), namespace, name))).build();
    }

    /** Renames the tag to the body's {@code name}. */
    @PUT
    @Path("{tag}")
    public Map<String, Object> update(@PathParam("namespace") String namespace, @PathParam("tag") String name,
            String body) {
        JsonNode json = MetadefBodies.read(body, MetadefSchemas.tag(), MetadefBodies.TIMESTAMPS);
        return MetadefView.tag(tags.rename(policy.caller(), namespace, name, json.get("name").asText()));
    }

    @DELETE
    @Path("{tag}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("tag") String name) {
        tags.delete(policy.caller(), namespace, name);
        return Response.noContent().build();
    }
}
