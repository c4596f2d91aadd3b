package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ProjectEndpointEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.ProjectEndpoints;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * {@code /v3/OS-EP-FILTER/projects/{projectId}/...}: the endpoints associated with a project, directly or through its
 * endpoint groups, the direct associations one by one, and the project's endpoint groups (admin only).
 */
@Path("/v3/OS-EP-FILTER/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectEndpointResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final ProjectEndpoints projectEndpoints;

    public ProjectEndpointResource(Policy policy, ApiSettings api, Directory directory,
            ProjectEndpoints projectEndpoints) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.projectEndpoints = projectEndpoints;
    }

    @GET
    @Path("endpoints")
    @WithSession
    public Uni<Map<String, Object>> endpoints(@PathParam("projectId") String projectId, @Context UriInfo uri) {
        policy.enforce("identity:list_endpoints_for_project", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.project(projectId).chain(() -> projectEndpoints.of(projectId))
                .map(endpoints -> Views.collection("endpoints", endpoints.stream().map(e -> Views.endpoint(e, base))
                        .toList(), base + "/v3/OS-EP-FILTER/projects/" + projectId + "/endpoints"));
    }

    /** Keystone answers 204 to the GET as to the HEAD. */
    @GET
    @Path("endpoints/{endpointId}")
    @WithSession
    public Uni<Response> show(@PathParam("projectId") String projectId, @PathParam("endpointId") String endpointId) {
        return check(projectId, endpointId);
    }

    @HEAD
    @Path("endpoints/{endpointId}")
    @WithSession
    public Uni<Response> check(@PathParam("projectId") String projectId, @PathParam("endpointId") String endpointId) {
        policy.enforce("identity:check_endpoint_in_project", Policy.admin());
        return directory.endpoint(endpointId).chain(() -> directory.project(projectId))
                .chain(() -> ProjectEndpointEntity.findById(new ProjectEndpointEntity.Key(endpointId, projectId)))
                .onItem().ifNull().failWith(() -> notAssociated(endpointId, projectId))
                .map(a -> Response.noContent().build());
    }

    @PUT
    @Path("endpoints/{endpointId}")
    @WithTransaction
    public Uni<Response> add(@PathParam("projectId") String projectId, @PathParam("endpointId") String endpointId) {
        policy.enforce("identity:add_endpoint_to_project", Policy.admin());
        return directory.endpoint(endpointId).chain(() -> directory.project(projectId))
                .chain(() -> ProjectEndpointEntity.addIfAbsent(endpointId, projectId))
                .map(added -> {
                    if (!added) {
                        throw ApiException.conflict(
                                "Conflict occurred attempting to store project_endpoint - Duplicate entry.");
                    }
                    return Response.noContent().build();
                });
    }

    /** As in Keystone, only the association is looked up. */
    @DELETE
    @Path("endpoints/{endpointId}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("projectId") String projectId, @PathParam("endpointId") String endpointId) {
        policy.enforce("identity:remove_endpoint_from_project", Policy.admin());
        return Directory.requireDeleted(ProjectEndpointEntity.delete("endpointId = ?1 and projectId = ?2",
                endpointId, projectId), () -> notAssociated(endpointId, projectId))
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("endpoint_groups")
    @WithSession
    public Uni<Map<String, Object>> endpointGroups(@PathParam("projectId") String projectId, @Context UriInfo uri) {
        policy.enforce("identity:list_endpoint_groups_for_project", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.project(projectId).chain(() -> projectEndpoints.groupsOf(projectId))
                .map(groups -> Views.collection("endpoint_groups", groups.stream()
                        .map(g -> Views.endpointGroup(g, base)).toList(),
                        base + "/v3/OS-EP-FILTER/projects/" + projectId + "/endpoint_groups"));
    }

    private static ApiException notAssociated(String endpointId, String projectId) {
        return ApiException.notFound("Endpoint " + endpointId + " not found in project " + projectId);
    }
}
