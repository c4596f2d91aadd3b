package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.FloatingIpAssociations;
import dev.stratus.compute.api.service.FloatingIps;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.FloatingIpView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Nova's deprecated floating-IP proxy to network-service, {@code /v2.1/os-floating-ips[/{id}]}, up to
 * microversion 2.35 (a 404 from 2.36 on, as Nova): the caller's project's floating IPs; create (200) allocates
 * one from a pool, delete (202) releases it.
 */
@Path("/v2.1/os-floating-ips")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FloatingIpsResource {

    private static final String RULE = "os_compute_api:os-floating-ips:";

    private final FloatingIps floatingIps;
    private final FloatingIpAssociations associations;
    private final Policy policy;
    private final RequestedMicroversion version;

    public FloatingIpsResource(FloatingIps floatingIps, FloatingIpAssociations associations, Policy policy,
            RequestedMicroversion version) {
        this.floatingIps = floatingIps;
        this.associations = associations;
        this.policy = policy;
        this.version = version;
    }

    private void requireVersion() {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.NETWORK_PROXY);
    }

    /** Nova's target for these rules is the caller's own project. */
    private AuthContext caller(String action, Predicate<AuthContext> rule) {
        return policy.enforce(RULE + action, rule);
    }

    @GET
    public Map<String, Object> list() {
        requireVersion();
        AuthContext caller = caller("list", ComputeRules.reader());
        return Map.of("floating_ips", floatingIps.list(caller).stream()
                .map(f -> FloatingIpView.of(f.floatingIp(), f.network())).toList());
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        requireVersion();
        FloatingIps.Found found = floatingIps.show(caller("show", ComputeRules.reader()), id);
        return Map.of("floating_ip", FloatingIpView.of(found.floatingIp(), found.network()));
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        requireVersion();
        String pool = FloatingIpBodies.pool(body);
        FloatingIps.Found found = floatingIps.allocate(caller("create", ComputeRules.member()), pool);
        return Map.of("floating_ip", FloatingIpView.of(found.floatingIp(), found.network()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        requireVersion();
        associations.release(caller("delete", ComputeRules.member()), id);
        return Response.accepted().build();
    }
}
