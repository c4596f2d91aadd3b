package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.CurrentAuth;
import dev.stratus.common.fault.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The URL forms Nova still serves besides {@code /v2.1/...}: {@code /v2.1/{project_id}/...} (catalogs written
 * before Pike carry the project id) and the legacy v2.0 API at {@code /v2/{project_id}/...}, which is v2.1
 * without microversions. Both are answered by the v2.1 resources; the project id in the URL must be the
 * token's, as Nova requires.
 */
public class LegacyPaths {

    /** {@code /v2} or {@code /v2.1}, then a project id (hex or UUID), then the rest of the path. */
    private static final Pattern WITH_PROJECT = Pattern.compile(
            "^/(v2|v2\\.1)/([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                    + "(/.*)?$");
    private static final String PROJECT_PROPERTY = "stratus.url-project-id";

    private final CurrentAuth current;

    public LegacyPaths(CurrentAuth current) {
        this.current = current;
    }

    /** Runs before microversion negotiation, which then sees a v2.1 path. */
    @ServerRequestFilter(preMatching = true, priority = 5)
    public void rewrite(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Matcher m = WITH_PROJECT.matcher(path);
        if (!m.matches()) {
            return;
        }
        if (m.group(1).equals("v2")) {
            // The v2.0 API has no microversions: every request is served at the minimum, 2.1.
            request.getHeaders().remove("OpenStack-API-Version");
            request.getHeaders().remove("X-OpenStack-Nova-API-Version");
        }
        request.setProperty(PROJECT_PROPERTY, m.group(2));
        String rest = m.group(3) == null ? "" : m.group(3);
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .replacePath(request.getUriInfo().getBaseUri().getPath() + "v2.1" + rest).build());
    }

    /** Nova's 400 when the URL names another project than the token. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public void checkProject(ContainerRequestContext request) {
        Object urlProject = request.getProperty(PROJECT_PROPERTY);
        if (urlProject == null || !current.isPresent()) {
            return;
        }
        String tokenProject = current.get().projectId();
        if (!urlProject.toString().replace("-", "").equalsIgnoreCase(
                tokenProject == null ? "" : tokenProject.replace("-", ""))) {
            throw ApiException.badRequest("Malformed request URL: URL's project_id '" + urlProject
                    + "' doesn't match Context's project_id '" + tokenProject + "'");
        }
    }
}
