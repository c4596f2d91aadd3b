package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where an unshelve may land, as Nova decides it: in the availability zone the server is pinned to, or the one the
 * unshelve names (2.77; it pins the server anew, and from 2.91 {@code null} unpins it); a zone named must be one
 * that is available; an admin's host (2.91) must be a compute host, in the zone the server will be pinned to; a
 * zone or a host needs the server SHELVED_OFFLOADED. The server group's policy still applies, as on every move.
 */
@ApplicationScoped
public class UnshelveTargets {

    /**
     * @param zone the zone the scheduler must pick in and the server is pinned to from now on (null: any)
     * @param repinned the unshelve named a zone (or {@code null}): {@code zone} replaces the server's pin
     * @param shownZone the zone the server shows while it is unshelved (null: the one it had)
     * @param hints the server group and the admin's host
     */
    public record Target(String zone, boolean repinned, String shownZone, SchedulingHints hints) {
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
        if (request.zone() != null && !zones.isAvailable(request.zone())) {
            throw ApiException.badRequest("The requested availability zone is not available");
        }
        String zone = request.zoneGiven() ? request.zone() : requests.zone(row.uuid());
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
        return new Target(zone, request.zoneGiven(), shown, requests.hints(row.uuid(), host));
    }
}
