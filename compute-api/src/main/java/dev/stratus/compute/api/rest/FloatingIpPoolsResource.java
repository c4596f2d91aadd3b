package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.FloatingIps;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.FloatingIpView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Nova's deprecated {@code GET /v2.1/os-floating-ip-pools}, up to microversion 2.35 (a 404 from 2.36 on): the
 * external networks the caller sees, by name (else id). Nova's rule allows anyone.
 */
@Path("/v2.1/os-floating-ip-pools")
@Produces(MediaType.APPLICATION_JSON)
public class FloatingIpPoolsResource {

    private final FloatingIps floatingIps;
    private final Policy policy;
    private final RequestedMicroversion version;

    public FloatingIpPoolsResource(FloatingIps floatingIps, Policy policy, RequestedMicroversion version) {
        this.floatingIps = floatingIps;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> list() {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.NETWORK_PROXY);
        AuthContext caller = policy.enforce("os_compute_api:os-floating-ip-pools", c -> true);
        return Map.of("floating_ip_pools", floatingIps.pools(caller).stream().map(FloatingIpView::pool).toList());
    }
}
