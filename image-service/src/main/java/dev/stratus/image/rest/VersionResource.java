package dev.stratus.image.rest;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Glance's version discovery: {@code GET /} (300) and {@code GET /v2}. */
@Path("/")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    /** The v2 minor versions Glance lists; the last is current. */
    private static final List<String> MINORS = List.of("2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
            "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16");

    private final ApiSettings api;

    public VersionResource(ApiSettings api) {
        this.api = api;
    }

    @GET
    public Response root(@Context UriInfo uri) {
        return Response.status(300).entity(Map.of("versions", versions(uri))).build();
    }

    @GET
    @Path("v2")
    public Map<String, Object> v2(@Context UriInfo uri) {
        return Map.of("versions", versions(uri));
    }

    private List<VersionInfo> versions(UriInfo uri) {
        String self = PublicUrls.base(api, uri) + "/v2/";
        List<VersionInfo> out = new ArrayList<>();
        for (int i = MINORS.size() - 1; i >= 0; i--) {
            String status = i == MINORS.size() - 1 ? "CURRENT" : "SUPPORTED";
            out.add(new VersionInfo("v" + MINORS.get(i), status, null, List.of(Link.of("self", self)), null, null,
                    null));
        }
        return out;
    }
}
