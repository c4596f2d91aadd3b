package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.EndpointGroupEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.EndpointFilters;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * {@code /v3/OS-EP-FILTER/endpoint_groups}: endpoint groups (admin only), the endpoints each one selects and the
 * projects it is associated with. Deleting a group deletes its project associations.
 */
@Path("/v3/OS-EP-FILTER/endpoint_groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointGroupResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final EndpointGroupProjectResource projectAssociations;

    public EndpointGroupResource(Policy policy, ApiSettings api, Directory directory,
            EndpointGroupProjectResource projectAssociations) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.projectAssociations = projectAssociations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @Context UriInfo uri) {
        policy.enforce("identity:list_endpoint_groups", Policy.admin());
        String base = PublicUrls.base(api, uri);
        Uni<List<EndpointGroupEntity>> groups = name == null ? EndpointGroupEntity.list("order by createdAt, id")
                : EndpointGroupEntity.list("name = ?1 order by createdAt, id", name);
        return groups.map(list -> Views.collection("endpoint_groups",
                list.stream().map(g -> Views.endpointGroup(g, base)).toList(),
                base + "/v3/OS-EP-FILTER/endpoint_groups"));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_endpoint_group", Policy.admin());
        EndpointGroupBody request = EndpointGroupBody.forCreate(body);
        EndpointGroupEntity group = new EndpointGroupEntity();
        group.id = Ids.newId();
        group.name = request.name();
        group.description = request.description();
        group.filters = request.filters().toJson();
        return group.<EndpointGroupEntity>persist().map(saved -> Creation.created("endpoint_group",
                Views.endpointGroup(saved, PublicUrls.base(api, uri))));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_endpoint_group", Policy.admin());
        return directory.endpointGroup(id).map(g -> Map.of("endpoint_group",
                Views.endpointGroup(g, PublicUrls.base(api, uri))));
    }

    /** Keystone answers a HEAD as the GET it stands for: 200 without a body. */
    @HEAD
    @Path("{id}")
    @WithSession
    public Uni<Response> check(@PathParam("id") String id) {
        policy.enforce("identity:get_endpoint_group", Policy.admin());
        return directory.endpointGroup(id).map(g -> Response.ok().build());
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_endpoint_group", Policy.admin());
        EndpointGroupBody request = EndpointGroupBody.forUpdate(body);
        return directory.endpointGroup(id).map(group -> {
            if (request.name() != null) {
                group.name = request.name();
            }
            if (request.hasDescription()) {
                group.description = request.description();
            }
            if (request.filters() != null) {
                group.filters = request.filters().toJson();
            }
            return Map.of("endpoint_group", Views.endpointGroup(group, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_endpoint_group", Policy.admin());
        return directory.endpointGroup(id)
                .call(g -> Directory.requireDeleted(EndpointGroupEntity.delete("id", id), "Endpoint Group", id))
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/endpoints")
    @WithSession
    public Uni<Map<String, Object>> endpoints(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:list_endpoints_associated_with_endpoint_group", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.endpointGroup(id).chain(group -> EndpointEntity.<EndpointEntity>list("order by id")
                .map(all -> Views.collection("endpoints", EndpointFilters.fromJson(group.filters).select(all)
                        .stream().map(e -> Views.endpoint(e, base)).toList(),
                        base + "/v3/OS-EP-FILTER/endpoint_groups/" + id + "/endpoints")));
    }

    /** As in Keystone, the group itself is not looked up: an unknown group has no projects. */
    @GET
    @Path("{id}/projects")
    @WithSession
    public Uni<Map<String, Object>> projects(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:list_projects_associated_with_endpoint_group", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return ProjectEntity.<ProjectEntity>list("id in (select a.projectId from ProjectEndpointGroupEntity a"
                + " where a.endpointGroupId = ?1) order by name, id", id)
                .map(projects -> Views.collection("projects", projects.stream().map(p -> Views.project(p, base))
                        .toList(), base + "/v3/OS-EP-FILTER/endpoint_groups/" + id + "/projects"));
    }

    /** {@code {id}/projects/{projectId}}: the group's association with one project. */
    @Path("{id}/projects/{projectId}")
    public EndpointGroupProjectResource projectAssociation() {
        return projectAssociations;
    }
}
