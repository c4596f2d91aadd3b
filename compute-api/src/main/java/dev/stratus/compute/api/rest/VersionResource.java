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
 * Nova's version discovery: {@code GET /} lists the legacy v2.0 API first, then v2.1; {@code GET /v2} and
 * {@code GET /v2.1} describe each, v2.1 with the microversion range this service implements. The v2.0 API is
 * served at {@code /v2/{project_id}/...} by the v2.1 resources at microversion 2.1 ({@link LegacyPaths}).
 */
@Path("/")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private static final String UPDATED = "2013-07-23T11:33:21Z";
    private static final String V20_UPDATED = "2011-01-21T11:33:21Z";

    private final ApiSettings api;

    public VersionResource(ApiSettings api) {
        this.api = api;
    }

    @GET
    public Map<String, Object> versions(@Context UriInfo uri) {
        return Map.of("versions", List.of(v20(uri, false), v21(uri, false)));
    }

    @GET
    @Path("v2")
    public Map<String, Object> legacyVersion(@Context UriInfo uri) {
        return Map.of("version", v20(uri, true));
    }

    /** Nova lists v2.0 as SUPPORTED with empty version strings: it has no microversions. */
    private VersionInfo v20(UriInfo uri, boolean full) {
        String self = PublicUrls.base(api, uri) + "/v2/";
        List<Link> links = full
                ? List.of(Link.of("self", self), new Link("describedby", "http://docs.openstack.org/", "text/html"))
                : List.of(Link.of("self", self));
        List<VersionInfo.MediaTypeInfo> media = full
                ? List.of(new VersionInfo.MediaTypeInfo("application/json",
                        "application/vnd.openstack.compute+json;version=2"))
                : null;
        return new VersionInfo("v2.0", "SUPPORTED", V20_UPDATED, links, media, "", "");
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
