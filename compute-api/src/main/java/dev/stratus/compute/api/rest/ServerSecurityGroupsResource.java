package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.compute.api.network.SecurityGroupProxy;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2.1/servers/{id}/os-security-groups}: the security groups on the server's ports, in full (rules
 * included), as Nova reads them from network-service (or, for a server without ports, the groups recorded on
 * it). Not limited to the proxy microversions, as in Nova.
 */
@Path("/v2.1/servers/{id}/os-security-groups")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerSecurityGroupsResource {

    private final ServerLookup lookup;
    private final SecurityGroupProxy groups;
    private final Policy policy;
    private final InstanceRepository instances;

    public ServerSecurityGroupsResource(ServerLookup lookup, SecurityGroupProxy groups, Policy policy,
            InstanceRepository instances) {
        this.lookup = lookup;
        this.instances = instances;
        this.groups = groups;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        InstanceRow row = lookup.visible(policy.caller(), id);
        var caller = policy.enforce("os_compute_api:os-security-groups:list", ComputeRules.readerOf(row.projectId()));
        List<String> recorded = instances.details(List.of(row), false).get(0).securityGroups();
        return Map.of("security_groups", groups.ofServer(caller, row.uuid(), row.projectId(), recorded));
    }
}
