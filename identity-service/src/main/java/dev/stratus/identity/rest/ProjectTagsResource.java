package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.service.Directory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;

/**
 * Keystone's project tags API: {@code /v3/projects/{id}/tags} (list, replace all, remove all) and
 * {@code /v3/projects/{id}/tags/{tag}} (check, add, remove). Readers of a project see its tags; admins change them.
 */
@Path("/v3/projects/{id}/tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectTagsResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;

    public ProjectTagsResource(Policy policy, ApiSettings api, Directory directory) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        policy.enforce("identity:list_project_tags", Policy.projectReader(id));
        return directory.project(id).map(p -> Map.of("tags", JsonColumns.tags(p.tags)));
    }

    @PUT
    @WithTransaction
    public Uni<Map<String, Object>> replaceAll(@PathParam("id") String id, JsonNode body) {
        policy.enforce("identity:update_project_tags", Policy.admin());
        JsonNode tags = body == null ? null : body.get("tags");
        if (tags == null || tags.isNull()) {
            throw Bodies.invalid("tags", "is a required property");
        }
        String stored = JsonColumns.tagsFrom(tags);
        return directory.project(id).map(p -> {
            p.tags = stored;
            return Map.of("tags", JsonColumns.tags(stored));
        });
    }

    @DELETE
    @WithTransaction
    public Uni<Response> removeAll(@PathParam("id") String id) {
        policy.enforce("identity:delete_project_tags", Policy.admin());
        return directory.project(id).map(p -> {
            p.tags = null;
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{tag}")
    @WithSession
    public Uni<Response> check(@PathParam("id") String id, @PathParam("tag") String tag) {
        policy.enforce("identity:get_project_tag", Policy.projectReader(id));
        return directory.project(id).map(p -> {
            if (!JsonColumns.tags(p.tags).contains(tag)) {
                throw ApiException.notFound("Tag " + tag + " not found for project " + id + ".");
            }
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("{tag}")
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String id, @PathParam("tag") String tag, @Context UriInfo uri) {
        policy.enforce("identity:create_project_tag", Policy.admin());
        String checked = JsonColumns.tag(tag);
        return directory.project(id).map(p -> {
            p.tags = JsonColumns.withTag(p.tags, checked);
            return Response.created(URI.create(PublicUrls.base(api, uri) + "/v3/projects/" + id + "/tags/"
                    + uri.getPathSegments().get(uri.getPathSegments().size() - 1).getPath())).build();
        });
    }

    @DELETE
    @Path("{tag}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("tag") String tag) {
        policy.enforce("identity:delete_project_tag", Policy.admin());
        return directory.project(id).map(p -> {
            if (!JsonColumns.tags(p.tags).contains(tag)) {
                throw ApiException.notFound("Tag " + tag + " not found for project " + id + ".");
            }
            p.tags = JsonColumns.withoutTag(p.tags, tag);
            return Response.noContent().build();
        });
    }
}
