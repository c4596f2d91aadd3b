package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.view.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /v2.1/servers/{id}/ips[/{network}]}: the server's addresses by network name. */
@Path("/v2.1/servers/{id}/ips")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerIpsResource {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final Policy policy;

    public ServerIpsResource(ServerLookup lookup, InstanceRepository instances, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.policy = policy;
    }

    private Map<String, Object> addresses(String id, String rule) {
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce(rule, ComputeRules.readerOf(row.projectId()));
        return ServerView.addresses(instances.details(List.of(row), false).get(0).nics(), false);
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        return Map.of("addresses", addresses(id, "os_compute_api:ips:index"));
    }

    @GET
    @Path("{network}")
    public Map<String, Object> byNetwork(@PathParam("id") String id, @PathParam("network") String network) {
        Object ips = addresses(id, "os_compute_api:ips:show").get(network);
        if (ips == null) {
            throw ApiException.notFound("Network " + network + " could not be found.");
        }
        return Map.of(network, ips);
    }
}
