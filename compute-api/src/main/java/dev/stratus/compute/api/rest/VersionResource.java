package dev.stratus.compute.api.rest;

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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * Nova's version discovery: {@code GET /} lists v2.1 (and the legacy v2.0 Nova also lists, which is not
 * served here and so is not advertised); {@code GET /v2.1} describes v2.1 with the microversion range this
 * service implements.
 */
@Path("/")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private static final String UPDATED = "2013-07-23T11:33:21Z";

    private final ApiSettings api;

    public VersionResource(ApiSettings api) {
        this.api = api;
    }

    @GET
    public Map<String, Object> versions(@Context UriInfo uri) {
        return Map.of("versions", List.of(v21(uri, false)));
    }

    @GET
    @Path("v2.1")
    public Map<String, Object> version(@Context UriInfo uri) {
        return Map.of("version", v21(uri, true));
    }

    private VersionInfo v21(UriInfo uri, boolean full) {
        ApiSettings.MicroversionSettings mv = api.microversion().orElseThrow();
        String self = PublicUrls.base(api, uri) + "/v2.1/";
        List<Link> links = full
                ? List.of(Link.of("self", self), new Link("describedby", "http://docs.openstack.org/", "text/html"))
                : List.of(Link.of("self", self));
        List<VersionInfo.MediaTypeInfo> media = full
                ? List.of(new VersionInfo.MediaTypeInfo("application/json",
                        "application/vnd.openstack.compute+json;version=2.1"))
                : null;
        return new VersionInfo("v2.1", "CURRENT", UPDATED, links, media, mv.min(), mv.max());
    }
}
