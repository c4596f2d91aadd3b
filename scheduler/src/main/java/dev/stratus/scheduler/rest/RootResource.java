package dev.stratus.scheduler.rest;

import dev.stratus.common.auth.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /: Placement's version document (no token needed). */
@Path("/")
@PublicEndpoint
public class RootResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> versions() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("id", "v1.0");
        version.put("max_version", PlacementVersions.MAX);
        version.put("min_version", PlacementVersions.MIN);
        version.put("status", "CURRENT");
        version.put("links", List.of(PlacementViews.link("self", "")));
        return Map.of("versions", List.of(version));
    }
}
