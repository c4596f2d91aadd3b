package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code availability_zone} of a create request (the zone listing is operator.service.AvailabilityZones): {@code zone}, or {@code zone:host[:node]} for admins.
 * A zone exists when it is the default zone or an aggregate's {@code availability_zone} metadata.
 */
@ApplicationScoped
public class RequestedZones {

    /**
     * @param zone the zone stored on the instance (the default zone when none was asked for)
     * @param requestedZone the zone the scheduler must respect, null for any
     */
    public record Placement(String zone, String requestedZone, String host, String node) {
    }

    private final Db db;
    private final Policy policy;
    private final ComputeSettings settings;

    public RequestedZones(Db db, Policy policy, ComputeSettings settings) {
        this.db = db;
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * The zone, and the host and node an admin asked for, by {@code zone:host:node} or by 2.74's {@code host}
     * and {@code hypervisor_hostname}; the scheduler's filters apply to either.
     */
    public Placement resolve(AuthContext caller, String requested, String requestedHost, String requestedNode) {
        Placement placement = resolve(caller, requested);
        if (requestedHost == null && requestedNode == null) {
            return placement;
        }
        policy.enforce("compute:servers:create:requested_destination", ComputeRules.admin());
        if (requestedHost != null && requestedNode != null) {
            requireExists("host = ? and hypervisor_hostname = ?", requestedHost, requestedNode);
        } else if (requestedHost != null) {
            requireExists("host = ?", requestedHost);
        } else {
            requireExists("hypervisor_hostname = ?", requestedNode);
        }
        String host = merge(placement.host(), requestedHost, "host");
        String node = merge(placement.node(), requestedNode, "hypervisor_hostname");
        return new Placement(placement.zone(), placement.requestedZone(), host, node);
    }

    private void requireExists(String where, String... values) {
        if (db.count("select count(*) from compute_nodes where " + where, (Object[]) values) == 0) {
            throw ApiException.badRequest("Compute host " + values[values.length - 1] + " could not be found.");
        }
    }

    /** The availability zone's host (or node) and the requested one must agree when both are given. */
    private static String merge(String fromZone, String requested, String field) {
        if (fromZone != null && requested != null && !fromZone.equals(requested)) {
            throw ApiException.badRequest("The requested " + field + " " + requested
                    + " is not the one of the availability zone " + fromZone + ".");
        }
        return fromZone != null ? fromZone : requested;
    }

    public Placement resolve(AuthContext caller, String requested) {
        if (requested == null || requested.isEmpty()) {
            return new Placement(settings.defaultAvailabilityZone(), null, null, null);
        }
        String[] parts = requested.split(":", -1);
        String zone = parts[0].isEmpty() ? null : parts[0];
        String host = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        String node = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
        if (host != null || node != null) {
            policy.enforce("os_compute_api:servers:create:forced_host", ComputeRules.admin());
        }
        if (zone != null && !exists(zone)) {
            throw ApiException.badRequest("The requested availability zone is not available");
        }
        String stored = zone != null ? zone : settings.defaultAvailabilityZone();
        return new Placement(stored, zone, host, node);
    }

    private boolean exists(String zone) {
        if (zone.equals(settings.defaultAvailabilityZone())) {
            return true;
        }
        // aggregates belong to the operator API (V20+); the zone of an aggregate is its metadata
        return db.count("select count(*) from aggregate_metadata where key = 'availability_zone' and value = ?",
                zone) > 0;
    }
}
