package dev.stratus.image.metadef.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import dev.stratus.image.metadef.service.ListParameters;
import dev.stratus.image.metadef.service.NamespaceCatalog;
import dev.stratus.image.metadef.service.NamespaceDetails;
import dev.stratus.image.metadef.service.NamespaceEditor;
import dev.stratus.image.metadef.service.NamespaceListQuery;
import dev.stratus.image.metadef.service.NamespaceListing;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/metadefs/namespaces[/{namespace}]}: list (filters, sorting, paging), create with content, show with
 * content (optionally with a resource type's property prefix), update, delete.
 */
@Path("/v2/metadefs/namespaces")
@Produces(MediaType.APPLICATION_JSON)
public class NamespacesResource {

    private final Policy policy;
    private final NamespaceCatalog catalog;
    private final NamespaceEditor editor;

    public NamespacesResource(Policy policy, NamespaceCatalog catalog, NamespaceEditor editor) {
        this.policy = policy;
        this.catalog = catalog;
        this.editor = editor;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        NamespaceListing listing = catalog.list(policy.caller(), NamespaceListQuery.of(uri.getQueryParameters()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaces", listing.namespaces().stream()
                .map(ns -> MetadefView.listed(ns, listing.associations().get(ns.id()))).toList());
        body.put("first", MetadefView.NAMESPACES + query(uri, null));
        body.put("schema", "/v2/schemas/metadefs/namespaces");
        if (listing.nextMarker() != null) {
            body.put("next", MetadefView.NAMESPACES + query(uri, listing.nextMarker()));
        }
        return body;
    }

    @POST
    public Response create(String body) {
        AuthContext caller = policy.caller();
        NamespaceDetails created = editor.create(caller,
                MetadefBodies.read(body, MetadefSchemas.namespace(), MetadefBodies.GENERATED));
        return Response.status(201).header("Location", MetadefView.NAMESPACES + "/" + created.namespace().namespace())
                .entity(MetadefView.details(created, null)).build();
    }

    /** With {@code resource_type}, property names carry the prefix of the namespace's association with it. */
    @GET
    @Path("{namespace}")
    public Map<String, Object> show(@PathParam("namespace") String namespace,
            @QueryParam("resource_type") String resourceType, @QueryParam("visibility") String visibility) {
        ListParameters.visibility(visibility, Set.of("public", "private"));
        NamespaceDetails details = catalog.show(policy.caller(), namespace);
        String prefix = null;
        if (resourceType != null && !resourceType.isEmpty()) {
            prefix = details.associations().stream().filter(a -> a.name().equals(resourceType))
                    .map(AssociationRow::prefix).findFirst().orElse(null);
        }
        return MetadefView.details(details, prefix == null || prefix.isEmpty() ? null : prefix);
    }

    @PUT
    @Path("{namespace}")
    public Map<String, Object> update(@PathParam("namespace") String namespace, String body) {
        AuthContext caller = policy.caller();
        NamespaceRow updated = editor.update(caller, namespace,
                MetadefBodies.read(body, MetadefSchemas.namespace(), MetadefBodies.GENERATED));
        return MetadefView.withLinks(MetadefView.namespace(updated), updated);
    }

    @DELETE
    @Path("{namespace}")
    public Response delete(@PathParam("namespace") String namespace) {
        editor.delete(policy.caller(), namespace);
        return Response.noContent().build();
    }

    /** The request's query with the marker replaced (Glance's {@code first} and {@code next} links). */
    private static String query(UriInfo uri, String marker) {
        UriBuilder builder = UriBuilder.fromUri("/").replaceQuery(uri.getRequestUri().getRawQuery());
        builder.replaceQueryParam("marker", marker == null ? new Object[0] : new Object[] {marker});
        String q = builder.build().getRawQuery();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }
}
