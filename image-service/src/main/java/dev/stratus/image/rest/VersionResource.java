package dev.stratus.image.rest;

import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.common.web.VersionInfo;
import dev.stratus.image.service.ImageCache;
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

    /**
     * The v2 minor versions Glance Zed lists with multiple stores and the image cache; the last is current. Without
     * a cache directory Glance leaves out the cache API's 2.14 and 2.16, and 2.15 is current.
     */
    private static final List<String> WITH_CACHE = List.of("2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
            "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16");
    private static final List<String> WITHOUT_CACHE = WITH_CACHE.stream()
            .filter(v -> !v.equals("2.14") && !v.equals("2.16")).toList();

    private final ApiSettings api;
    private final List<String> minors;

    public VersionResource(ApiSettings api, ImageCache cache) {
        this.api = api;
        this.minors = cache.enabled() ? WITH_CACHE : WITHOUT_CACHE;
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
        for (int i = minors.size() - 1; i >= 0; i--) {
            String status = i == minors.size() - 1 ? "CURRENT" : "SUPPORTED";
            out.add(new VersionInfo("v" + minors.get(i), status, null, List.of(Link.of("self", self)), null, null,
                    null));
        }
        return out;
    }
}
