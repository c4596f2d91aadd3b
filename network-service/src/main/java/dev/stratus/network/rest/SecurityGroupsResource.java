package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.SecurityGroupRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.SecurityGroupService;
import dev.stratus.network.view.SecurityGroupView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** {@code /v2.0/security-groups}. */
@Path("/v2.0/security-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityGroupsResource {

    static final ResourceSchema SCHEMA = ResourceSchema.of("security_group", "security_groups",
            Attribute.writable("name", "", Values.string(255)),
            Attribute.writable("description", "", Values.string(255)));

    private final SecurityGroupService groups;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public SecurityGroupsResource(SecurityGroupService groups, Access access, ListParams params,
            ApiSettings api, TagEndpoints tags) {
        this.tags = tags;
        this.groups = groups;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, SecurityGroupRepository.LISTING);
        return Listing.body("security_groups", groups.list(caller, parsed.query()).stream()
                .map(SecurityGroupView::of).toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("security_group", Fields.select(SecurityGroupView.of(groups.get(access.caller(), id)),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "security_group", "security_groups", groups.create(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(SecurityGroupView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("security_group", SecurityGroupView.of(groups.update(access.caller(), id,
                SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        groups.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** The tags of one security group (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("security_groups", id);
    }
}
