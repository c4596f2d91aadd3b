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
