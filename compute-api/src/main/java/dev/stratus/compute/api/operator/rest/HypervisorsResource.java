package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Page;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.service.Hypervisors;
import dev.stratus.compute.api.operator.service.Hypervisors.Hypervisor;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.VersionedFields;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /os-hypervisors}: the compute nodes, their capacity and their servers, for operators. */
@Path("/v2.1/os-hypervisors")
@Produces(MediaType.APPLICATION_JSON)
public class HypervisorsResource {

    private static final String RULE = "os_compute_api:os-hypervisors:";
    private static final Set<String> LIST_PARAMETERS_253 = Set.of("hypervisor_hostname_pattern", "with_servers",
            "limit", "marker");

    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;
    private final Hypervisors hypervisors;

    public HypervisorsResource(Policy policy, RequestedMicroversion version, ApiSettings api,
            Hypervisors hypervisors) {
        this.policy = policy;
        this.version = version;
        this.api = api;
        this.hypervisors = hypervisors;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        policy.enforce(RULE + "list", Policy.admin());
        return listing(uri, HypervisorViews.SUMMARY_WITH_SERVERS);
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@Context UriInfo uri) {
        policy.enforce(RULE + "list-detail", Policy.admin());
        return listing(uri, HypervisorViews.DETAIL);
    }

    private Map<String, Object> listing(UriInfo uri, VersionedFields<Hypervisor, Void> view) {
        boolean filters = ComputeVersions.HYPERVISOR_QUERY_FILTERS.contains(version.get());
        boolean paging = ComputeVersions.HYPERVISOR_PAGING.contains(version.get());
        String pattern = null;
        boolean withServers = false;
        if (filters) {
            QueryParameters.onlyKnown(uri, LIST_PARAMETERS_253);
            pattern = QueryParameters.first(uri, "hypervisor_hostname_pattern");
            String servers = QueryParameters.first(uri, "with_servers");
            withServers = servers != null && QueryParameters.parseBoolean("with_servers", servers);
        }
        String limit = paging ? QueryParameters.first(uri, "limit") : null;
        String marker = paging ? QueryParameters.first(uri, "marker") : null;
        if (pattern != null && (limit != null || marker != null)) {
            throw ApiException.badRequest("Paging over hypervisors with the "
                    + "hypervisor_hostname_pattern query parameter is not supported.");
        }
        List<Hypervisor> all = hypervisors.list(pattern, withServers);
        if (pattern != null && all.isEmpty()) {
            throw ApiException.notFound("No hypervisor matching '" + pattern + "' could be found.");
        }
        Page<Hypervisor> page = Page.of(all, this::idOf, PageRequest.of(limit, marker, api.maxPageSize()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hypervisors", view.renderAll(page.items(), null, version.get()));
        if (paging) {
            var links = PageLinks.of(page, this::idOf, uri, api.publicUrl().orElse(null));
            if (!links.isEmpty()) {
                body.put("hypervisors_links", links);
            }
        }
        return body;
    }

    @GET
    @Path("statistics")
    public Map<String, Object> statistics() {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.HYPERVISOR_CAPACITY);
        policy.enforce(RULE + "statistics", Policy.admin());
        return Map.of("hypervisor_statistics",
                HypervisorViews.STATISTICS.render(hypervisors.statistics(), null, version.get()));
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce(RULE + "show", Policy.admin());
        boolean withServers = false;
        if (ComputeVersions.HYPERVISOR_QUERY_FILTERS.contains(version.get())) {
            QueryParameters.onlyKnown(uri, Set.of("with_servers"));
            String servers = QueryParameters.first(uri, "with_servers");
            withServers = servers != null && QueryParameters.parseBoolean("with_servers", servers);
        }
        return Map.of("hypervisor", HypervisorViews.DETAIL.render(find(id, withServers), null, version.get()));
    }

    @GET
    @Path("{id}/uptime")
    public Map<String, Object> uptime(@PathParam("id") String id) {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.HYPERVISOR_CAPACITY);
        policy.enforce(RULE + "uptime", Policy.admin());
        Hypervisor hypervisor = find(id, false);
        if (!hypervisor.up()) {
            throw ApiException.badRequest("Compute service of " + hypervisor.node().host()
                    + " is unavailable at this time.");
        }
        if (hypervisor.uptime() == null) {
            // the node's driver cannot tell its host's uptime
            throw ApiException.notImplemented("The requested functionality is not supported.");
        }
        return Map.of("hypervisor", HypervisorViews.UPTIME.render(hypervisor, null, version.get()));
    }

    @GET
    @Path("{pattern}/search")
    public Map<String, Object> search(@PathParam("pattern") String pattern) {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.HYPERVISOR_SEARCH_URLS);
        policy.enforce(RULE + "search", Policy.admin());
        return Map.of("hypervisors",
                HypervisorViews.SUMMARY.renderAll(matching(pattern, false), null, version.get()));
    }

    @GET
    @Path("{pattern}/servers")
    public Map<String, Object> servers(@PathParam("pattern") String pattern) {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.HYPERVISOR_SEARCH_URLS);
        policy.enforce(RULE + "servers", Policy.admin());
        return Map.of("hypervisors",
                HypervisorViews.SUMMARY_WITH_SERVERS.renderAll(matching(pattern, true), null,
                        version.get()));
    }

    private List<Hypervisor> matching(String pattern, boolean withServers) {
        List<Hypervisor> found = hypervisors.list(pattern, withServers);
        if (found.isEmpty()) {
            throw ApiException.notFound("No hypervisor matching '" + pattern + "' could be found.");
        }
        return found;
    }

    /** An integer id before 2.53 (anything else is not found), a uuid from 2.53 (anything else is a 400). */
    private Hypervisor find(String id, boolean withServers) {
        if (ComputeVersions.OPERATOR_UUID_IDS.contains(version.get())) {
            if (!ServicesResource.UUID.matcher(id).matches()) {
                throw ApiException.badRequest("Invalid uuid " + id);
            }
            return hypervisors.byUuid(id, withServers).orElseThrow(() -> notFound(id));
        }
        int number;
        try {
            number = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
        return hypervisors.byId(number, withServers).orElseThrow(() -> notFound(id));
    }

    private String idOf(Hypervisor h) {
        return ComputeVersions.OPERATOR_UUID_IDS.contains(version.get()) ? h.node().uuid()
                : Integer.toString(h.node().id());
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Hypervisor with ID '" + id + "' could not be found.");
    }
}
