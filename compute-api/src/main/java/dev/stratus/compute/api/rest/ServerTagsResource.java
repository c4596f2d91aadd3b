package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.view.Links;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code /v2.1/servers/{id}/tags[/{tag}]} from microversion 2.26. */
@Path("/v2.1/servers/{id}/tags")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerTagsResource {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;

    public ServerTagsResource(ServerLookup lookup, InstanceRepository instances, Policy policy,
            RequestedMicroversion version, ApiSettings api) {
        this.lookup = lookup;
        this.instances = instances;
        this.policy = policy;
        this.version = version;
        this.api = api;
    }

    private InstanceRow read(String id, String rule) {
        if (!version.atLeast("2.26")) {
            throw ApiException.notFound("The resource could not be found.");
        }
        AuthContext caller = policy.caller();
        InstanceRow row = lookup.visible(caller, id);
        policy.enforce(rule, ComputeRules.readerOf(row.projectId()));
        return row;
    }

    private InstanceRow write(String id, String rule) {
        if (!version.atLeast("2.26")) {
            throw ApiException.notFound("The resource could not be found.");
        }
        AuthContext caller = policy.caller();
        InstanceRow row = lookup.lockVisible(caller, id);
        policy.enforce(rule, ComputeRules.memberOf(row.projectId()));
        if (row.locked() && !ComputeRules.isAdmin(caller)) {
            throw ApiException.conflict("Instance " + id + " is locked");
        }
        return row;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        read(id, "os_compute_api:os-server-tags:index");
        return Map.of("tags", instances.tags(id));
    }

    @GET
    @Path("{tag}")
    public Response check(@PathParam("id") String id, @PathParam("tag") String tag) {
        read(id, "os_compute_api:os-server-tags:show");
        if (!instances.tags(id).contains(tag)) {
            throw ApiException.notFound("Instance " + id + " has no tag '" + tag + "'");
        }
        return Response.noContent().build();
    }

    @PUT
    @Transactional
    public Map<String, Object> replace(@PathParam("id") String id, JsonNode body) {
        write(id, "os_compute_api:os-server-tags:update_all");
        if (body == null || !body.isObject() || !body.has("tags") || !body.get("tags").isArray()) {
            throw ApiException.badRequest("Invalid input for field/attribute tags. Value: " + body
                    + ". 'tags' is a required property");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        body.get("tags").forEach(t -> tags.add(ServerTagRules.check(t)));
        if (tags.size() > ServerTagRules.MAX_TAGS) {
            throw ApiException.badRequest("The number of tags exceeded the per-server limit "
                    + ServerTagRules.MAX_TAGS);
        }
        instances.replaceTags(id, List.copyOf(tags));
        touch(id);
        return Map.of("tags", instances.tags(id));
    }

    @PUT
    @Path("{tag}")
    @Transactional
    public Response add(@PathParam("id") String id, @PathParam("tag") String tag, @Context UriInfo uri) {
        write(id, "os_compute_api:os-server-tags:update");
        ServerTagRules.check(tag);
        List<String> current = instances.tags(id);
        if (current.contains(tag)) {
            return Response.noContent().build();
        }
        if (current.size() >= ServerTagRules.MAX_TAGS) {
            throw ApiException.badRequest("The number of tags exceeded the per-server limit "
                    + ServerTagRules.MAX_TAGS);
        }
        instances.insertTags(id, List.of(tag));
        touch(id);
        return Response.status(201).location(URI.create(Links.base(api, uri) + "/v2.1/servers/" + id + "/tags/"
                + tag)).build();
    }

    @DELETE
    @Transactional
    public Response clear(@PathParam("id") String id) {
        write(id, "os_compute_api:os-server-tags:delete_all");
        instances.replaceTags(id, List.of());
        touch(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{tag}")
    @Transactional
    public Response remove(@PathParam("id") String id, @PathParam("tag") String tag) {
        write(id, "os_compute_api:os-server-tags:delete");
        if (!instances.deleteTag(id, tag)) {
            throw ApiException.notFound("Instance " + id + " has no tag '" + tag + "'");
        }
        touch(id);
        return Response.noContent().build();
    }

    private void touch(String id) {
        instances.db().update("update instances set updated_at = now() where uuid = ?", id);
    }
}
