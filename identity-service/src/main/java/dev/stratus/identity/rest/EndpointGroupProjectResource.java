package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ProjectEndpointGroupEntity;
import dev.stratus.identity.service.Directory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{projectId}}: an endpoint group's association with a project
 * (admin only). The project is looked up first, then the group, as in Keystone.
 */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class EndpointGroupProjectResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;

    public EndpointGroupProjectResource(Policy policy, ApiSettings api, Directory directory) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String groupId, @PathParam("projectId") String projectId,
            @Context UriInfo uri) {
        policy.enforce("identity:get_endpoint_group_in_project", Policy.admin());
        return find(groupId, projectId).map(a -> Map.of("project_endpoint_group", view(a, PublicUrls.base(api, uri))));
    }

    @HEAD
    @WithSession
    public Uni<Response> check(@PathParam("id") String groupId, @PathParam("projectId") String projectId) {
        policy.enforce("identity:get_endpoint_group_in_project", Policy.admin());
        return find(groupId, projectId).map(a -> Response.ok().build());
    }

    @PUT
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String groupId, @PathParam("projectId") String projectId) {
        policy.enforce("identity:add_endpoint_group_to_project", Policy.admin());
        return directory.project(projectId).chain(() -> directory.endpointGroup(groupId))
                .chain(() -> ProjectEndpointGroupEntity.addIfAbsent(groupId, projectId))
                .map(added -> {
                    if (!added) {
                        throw ApiException.conflict(
                                "Conflict occurred attempting to store project_endpoint_group - Duplicate entry.");
                    }
                    return Response.noContent().build();
                });
    }

    @DELETE
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String groupId, @PathParam("projectId") String projectId) {
        policy.enforce("identity:remove_endpoint_group_from_project", Policy.admin());
        return find(groupId, projectId)
                .call(a -> Directory.requireDeleted(ProjectEndpointGroupEntity.delete(
                        "endpointGroupId = ?1 and projectId = ?2", groupId, projectId),
                        EndpointGroupProjectResource::notAssociated))
                .map(a -> Response.noContent().build());
    }

    private Uni<ProjectEndpointGroupEntity> find(String groupId, String projectId) {
        return directory.project(projectId).chain(() -> directory.endpointGroup(groupId))
                .chain(() -> ProjectEndpointGroupEntity.<ProjectEndpointGroupEntity>findById(
                        new ProjectEndpointGroupEntity.Key(groupId, projectId)))
                .onItem().ifNull().failWith(EndpointGroupProjectResource::notAssociated);
    }

    private static ApiException notAssociated() {
        return ApiException.notFound("Endpoint Group Project Association not found");
    }

    private static Map<String, Object> view(ProjectEndpointGroupEntity a, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint_group_id", a.endpointGroupId);
        m.put("project_id", a.projectId);
        m.put("links", Views.links(base + "/v3/OS-EP-FILTER/endpoint_groups/" + a.endpointGroupId + "/projects/"
                + a.projectId));
        return m;
    }
}
