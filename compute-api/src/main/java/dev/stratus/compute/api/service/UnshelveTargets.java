package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where an unshelve may land, as Nova decides it: an availability zone (2.77) must be one that is available; an
 * admin's host (2.91) must be a compute host, in that zone when one is given; either needs the server
 * SHELVED_OFFLOADED. The server group's policy still applies, as on every move.
 */
@ApplicationScoped
public class UnshelveTargets {

    /**
     * @param zone the zone the scheduler must pick in (null: any)
     * @param shownZone the zone the server shows while it is unshelved (null: the one it had)
     * @param hints the server group and the admin's host
     */
    public record Target(String zone, String shownZone, SchedulingHints hints) {
    }

    private final AvailabilityZones zones;
    private final MoveRequests requests;
    private final Policy policy;

    public UnshelveTargets(AvailabilityZones zones, MoveRequests requests, Policy policy) {
        this.zones = zones;
        this.requests = requests;
        this.policy = policy;
    }

    /** Checks {@code request} against the server (locked by the caller) and says where it may go. */
    public Target resolve(AuthContext caller, InstanceRow row, ServerShelver.Unshelve request) {
        if ((request.zoneGiven() || request.host() != null) && !"shelved_offloaded".equals(row.vmState())) {
            throw ApiException.conflict("Specifying an availability zone or a host when unshelving server \""
                    + row.uuid() + "\" with status \"" + InstanceStatus.of(row.vmState(), row.taskState()) + "\" is not supported. The server"
                    + " status must be SHELVED_OFFLOADED.");
        }
        String zone = request.zone();
        if (zone != null && !zones.isAvailable(zone)) {
            throw ApiException.badRequest("The requested availability zone is not available");
        }
        String host = request.host();
        String shown = zone;
        if (host != null) {
            policy.enforce("os_compute_api:os-shelve:unshelve_to_host", ComputeRules.admin());
            String hostZone = zones.zoneOfHost(host)
                    .orElseThrow(() -> ApiException.badRequest("Compute host " + host + " could not be found."));
            if (zone != null && !zone.equals(hostZone)) {
                throw ApiException.conflict("Host \"" + host + "\" is not in the availability zone \"" + zone
                        + "\".");
            }
            shown = hostZone;
        }
        return new Target(zone, shown, requests.hints(row.uuid(), host));
    }
}
