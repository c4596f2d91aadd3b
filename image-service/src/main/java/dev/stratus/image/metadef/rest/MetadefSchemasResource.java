package dev.stratus.image.metadef.rest;

import dev.stratus.image.metadef.schema.MetadefSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /v2/schemas/metadefs/*}: the JSON schemas of the catalog's documents, as Glance publishes them. */
@Path("/v2/schemas/metadefs")
@Produces(MediaType.APPLICATION_JSON)
public class MetadefSchemasResource {

    @GET
    @Path("namespace")
    public Map<String, Object> namespace() {
        return MetadefSchemas.namespace();
    }

    @GET
    @Path("namespaces")
    public Map<String, Object> namespaces() {
        return MetadefSchemas.namespaces();
    }

    @GET
    @Path("object")
    public Map<String, Object> object() {
        return MetadefSchemas.object();
    }

    @GET
    @Path("objects")
    public Map<String, Object> objects() {
        return MetadefSchemas.objects();
    }

    @GET
    @Path("property")
    public Map<String, Object> property() {
        return MetadefSchemas.property();
    }

    @GET
    @Path("properties")
    public Map<String, Object> properties() {
        return MetadefSchemas.properties();
    }

    @GET
    @Path("tag")
    public Map<String, Object> tag() {
        return MetadefSchemas.tag();
    }

    @GET
    @Path("tags")
    public Map<String, Object> tags() {
        return MetadefSchemas.tags();
    }

    @GET
    @Path("resource_type")
    public Map<String, Object> resourceType() {
        return MetadefSchemas.resourceTypeAssociation();
    }

    @GET
    @Path("resource_types")
    public Map<String, Object> resourceTypes() {
        return MetadefSchemas.resourceTypeAssociations();
    }
}
