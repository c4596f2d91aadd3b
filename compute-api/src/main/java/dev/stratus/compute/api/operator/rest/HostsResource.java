package dev.stratus.compute.api.operator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.service.LegacyHosts;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/**
 * Nova's deprecated {@code /v2.1/os-hosts} (up to microversion 2.42, admin only): the list of hosts with their
 * services' topics and zones ({@code zone} filters), and a compute host's resources. Setting a host's status or
 * maintenance mode and powering it up, down or off are answered as Nova's libvirt driver answers them: a 501 for
 * a host that exists (operators enable and disable hosts through os-services).
 */
@Path("/v2.1/os-hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    private static final String RULE = "os_compute_api:os-hosts:";
    private static final List<String> MODES = List.of("enable", "disable", "Enable", "Disable", "ENABLE", "DISABLE");
    private static final String NOT_SUPPORTED = "The requested functionality is not supported.";

    private final Policy policy;
    private final RequestedMicroversion version;
    private final LegacyHosts hosts;

    public HostsResource(Policy policy, RequestedMicroversion version, LegacyHosts hosts) {
        this.policy = policy;
        this.version = version;
        this.hosts = hosts;
    }

    private void enforce(String action) {
        if (!ComputeVersions.OS_HOSTS.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.enforce(RULE + action, Policy.admin());
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        enforce("list");
        List<String> zones = uri.getQueryParameters().get("zone");
        String zone = zones == null || zones.isEmpty() ? null : zones.get(zones.size() - 1);
        List<Map<String, Object>> listed = hosts.list(zone == null || zone.isEmpty() ? null : zone).stream()
                .map(h -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("host_name", h.hostName());
                    v.put("service", h.service());
                    v.put("zone", h.zone());
                    return v;
                }).toList();
        return Map.of("hosts", listed);
    }

    @GET
    @Path("{host}")
    public Map<String, Object> show(@PathParam("host") String host) {
        enforce("show");
        return Map.of("host", hosts.resources(host));
    }

    /** The body ({@code status} and/or {@code maintenance_mode}, each enable or disable) is checked first. */
    @PUT
    @Path("{host}")
    public Map<String, Object> update(@PathParam("host") String host, String body) {
        if (ComputeVersions.OS_HOSTS.contains(version.get())) {
            JsonNode request = RequestBodies.parse(body);
            RequestBodies.onlyKeys(request, null, Set.of("status", "maintenance_mode"));
            if (!request.has("status") && !request.has("maintenance_mode")) {
                throw ApiException.badRequest("Invalid input for field/attribute request. Value: " + request
                        + ". " + request + " is not valid under any of the given schemas");
            }
            mode(request, "status");
            mode(request, "maintenance_mode");
        }
        enforce("update");
        hosts.requireComputeHost(host);
        throw ApiException.notImplemented(NOT_SUPPORTED);
    }

    private static void mode(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v != null && (!v.isTextual() || !MODES.contains(v.asText()))) {
            throw RequestBodies.invalid(field, v + " is not one of " + MODES.stream().map(m -> "'" + m + "'").toList());
        }
    }

    @GET
    @Path("{host}/startup")
    public Map<String, Object> startup(@PathParam("host") String host) {
        return power("start", host);
    }

    @GET
    @Path("{host}/shutdown")
    public Map<String, Object> shutdown(@PathParam("host") String host) {
        return power("shutdown", host);
    }

    @GET
    @Path("{host}/reboot")
    public Map<String, Object> reboot(@PathParam("host") String host) {
        return power("reboot", host);
    }

    /** Powering a host is not something the drivers can do (nor Nova's libvirt driver): a 501 once it exists. */
    private Map<String, Object> power(String action, String host) {
        enforce(action);
        hosts.requireComputeHost(host);
        throw ApiException.notImplemented(NOT_SUPPORTED);
    }
}
