package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.network.NetworksProxy;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.NovaNetworkView;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Nova's deprecated {@code /v2.1/os-networks} proxy to network-service (up to 2.35): list and show. Creating,
 * deleting, adding and disassociating networks went with nova-network, and are a 410 as in Nova.
 */
@Path("/v2.1/os-networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworksProxyResource {

    static final String GONE = "This API only works with nova-network, which was removed; use the network service.";

    private final NetworksProxy networks;
    private final Policy policy;
    private final RequestedMicroversion version;

    public NetworksProxyResource(NetworksProxy networks, Policy policy, RequestedMicroversion version) {
        this.networks = networks;
        this.policy = policy;
        this.version = version;
    }

    private AuthContext enforce(String action) {
        if (!ComputeVersions.NETWORK_PROXY.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return policy.enforce("os_compute_api:os-networks:" + action, ComputeRules.reader());
    }

    @GET
    public Map<String, Object> list() {
        AuthContext caller = enforce("list");
        boolean admin = ComputeRules.isAdmin(caller);
        return Map.of("networks", networks.list(caller).stream().map(n -> NovaNetworkView.network(n, admin)).toList());
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        AuthContext caller = enforce("show");
        return Map.of("network", NovaNetworkView.network(networks.show(caller, id), ComputeRules.isAdmin(caller)));
    }

    @POST
    public Map<String, Object> create() {
        throw gone();
    }

    @POST
    @Path("add")
    public Map<String, Object> add() {
        throw gone();
    }

    @POST
    @Path("{id}/action")
    public Map<String, Object> action() {
        throw gone();
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete() {
        throw gone();
    }

    static ApiException gone() {
        return new ApiException(410, GONE);
    }
}
