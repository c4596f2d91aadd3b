package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.service.Directory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** {@code /v3/OS-EP-FILTER/endpoints/{endpointId}/projects}: the projects an endpoint is directly associated with. */
@Path("/v3/OS-EP-FILTER/endpoints/{endpointId}/projects")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointProjectsResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;

    public EndpointProjectsResource(Policy policy, ApiSettings api, Directory directory) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("endpointId") String endpointId, @Context UriInfo uri) {
        policy.enforce("identity:list_projects_for_endpoint", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.endpoint(endpointId).chain(() -> ProjectEntity.<ProjectEntity>list(
                "id in (select a.projectId from ProjectEndpointEntity a where a.endpointId = ?1) order by name, id",
                endpointId)).map(projects -> Views.collection("projects", projects.stream()
                        .map(p -> Views.project(p, base)).toList(),
                        base + "/v3/OS-EP-FILTER/endpoints/" + endpointId + "/projects"));
    }
}
