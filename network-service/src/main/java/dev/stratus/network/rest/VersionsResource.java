package dev.stratus.network.rest;

import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutron's discovery: {@code GET /} (no token needed) lists v2.0; {@code GET /v2.0} lists the resources of the
 * version with their collection URLs.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class VersionsResource {

    private static final List<String[]> RESOURCES = List.of(new String[] {"subnet", "subnets"},
            new String[] {"subnetpool", "subnetpools"},
            new String[] {"network", "networks"}, new String[] {"port", "ports"},
            new String[] {"security_group", "security_groups"},
            new String[] {"security_group_rule", "security_group_rules"}, new String[] {"router", "routers"},
            new String[] {"floatingip", "floatingips"}, new String[] {"quota", "quotas"},
            new String[] {"availability_zone", "availability_zones"});

    private final ApiSettings api;

    public VersionsResource(ApiSettings api) {
        this.api = api;
    }

    @GET
    @PublicEndpoint
    public Map<String, Object> versions(@Context UriInfo uri) {
        Map<String, Object> v2 = new LinkedHashMap<>();
        v2.put("id", "v2.0");
        v2.put("status", "CURRENT");
        v2.put("links", List.of(Map.of("href", PublicUrls.base(api, uri) + "/v2.0/", "rel", "self")));
        return Map.of("versions", List.of(v2));
    }

    @GET
    @Path("v2.0")
    public Map<String, Object> version(@Context UriInfo uri) {
        String base = PublicUrls.base(api, uri) + "/v2.0/";
        return Map.of("resources", RESOURCES.stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("links", List.of(Map.of("href", base + r[1], "rel", "self")));
            entry.put("name", r[0]);
            entry.put("collection", r[1]);
            return entry;
        }).toList());
    }
}
