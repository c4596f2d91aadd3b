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
 * Nova's deprecated {@code /v2.1/os-tenant-networks} proxy to network-service (up to 2.35): the networks the
 * caller sees (their own, shared and external ones), list and show; create and delete are a 410 as in Nova.
 */
@Path("/v2.1/os-tenant-networks")
@Produces(MediaType.APPLICATION_JSON)
public class TenantNetworksProxyResource {

    private final NetworksProxy networks;
    private final Policy policy;
    private final RequestedMicroversion version;

    public TenantNetworksProxyResource(NetworksProxy networks, Policy policy, RequestedMicroversion version) {
        this.networks = networks;
        this.policy = policy;
        this.version = version;
    }

    private AuthContext enforce(String action) {
        if (!ComputeVersions.NETWORK_PROXY.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return policy.enforce("os_compute_api:os-tenant-networks:" + action, ComputeRules.reader());
    }

    @GET
    public Map<String, Object> list() {
        AuthContext caller = enforce("list");
        return Map.of("networks", networks.list(caller).stream().map(NovaNetworkView::tenantNetwork).toList());
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        AuthContext caller = enforce("show");
        return Map.of("network", NovaNetworkView.tenantNetwork(networks.show(caller, id)));
    }

    @POST
    public Map<String, Object> create() {
        throw NetworksProxyResource.gone();
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete() {
        throw NetworksProxyResource.gone();
    }
}
