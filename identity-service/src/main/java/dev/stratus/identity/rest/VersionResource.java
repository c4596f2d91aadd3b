package dev.stratus.identity.rest;

import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.common.web.VersionInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** Version discovery: {@code GET /} (300 Multiple Choices, as Keystone) and {@code GET /v3}. */
@Path("/")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private final ApiSettings api;

    public VersionResource(ApiSettings api) {
        this.api = api;
    }

    @GET
    public Response versions(@Context UriInfo uri) {
        return Response.status(300)
                .entity(Map.of("versions", Map.of("values", List.of(v3(uri)))))
                .build();
    }

    @GET
    @Path("v3")
    public Map<String, Object> version(@Context UriInfo uri) {
        return Map.of("version", v3(uri));
    }

    private VersionInfo v3(UriInfo uri) {
        return new VersionInfo("v3.14", "stable", "2020-04-07T00:00:00Z",
                List.of(Link.of("self", PublicUrls.base(api, uri) + "/v3/")),
                List.of(new VersionInfo.MediaTypeInfo("application/json",
                        "application/vnd.openstack.identity-v3+json")),
                null, null);
    }
}
