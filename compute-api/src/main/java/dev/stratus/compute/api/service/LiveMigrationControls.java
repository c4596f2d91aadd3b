package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.persistence.MigrationRecords;
import dev.stratus.compute.api.operator.persistence.MigrationRow;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * {@code force_complete} and abort of a live migration, with Nova's checks and answers. Our hosts copy a guest
 * without throttling and finish on their own: forcing a running migration to complete changes nothing (202),
 * and a migration cannot be stopped once the hosts took it (409 where Nova would abort).
 */
@ApplicationScoped
public class LiveMigrationControls {

    private static final Set<String> MIGRATING = java.util.Collections.singleton("migrating");
    private static final StateRule FORCE = new StateRule(Set.of("active"), MIGRATING);
    private static final StateRule ABORT = new StateRule(Set.of("active", "paused"), MIGRATING);

    private final ServerLookup lookup;
    private final MigrationRecords migrations;
    private final Policy policy;

    public LiveMigrationControls(ServerLookup lookup, MigrationRecords migrations, Policy policy) {
        this.lookup = lookup;
        this.migrations = migrations;
        this.policy = policy;
    }

    @Transactional
    public void forceComplete(AuthContext caller, String uuid, int id, String idText) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:migrations:force_complete", ComputeRules.admin());
        Locks.check(caller, row);
        FORCE.check("force_complete", row);
        MigrationRow m = migrations.ofInstance(uuid, id).orElseThrow(() -> ApiException.badRequest(
                "Migration " + idText + " not found for instance " + uuid));
        if (!"running".equals(m.status())) {
            throw invalidState(idText, uuid, m.status(), "force complete");
        }
    }

    @Transactional
    public void abort(AuthContext caller, String uuid, int id, String idText, boolean queuedToo) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:migrations:delete", ComputeRules.admin());
        Locks.check(caller, row);
        ABORT.check("abort live migration", row);
        MigrationRow m = migrations.ofInstance(uuid, id).filter(r -> "live-migration".equals(r.migrationType()))
                .orElseThrow(() -> ApiException.notFound("Migration " + idText + " not found for instance " + uuid));
        Set<String> abortable = queuedToo ? Set.of("running", "queued", "preparing") : Set.of("running");
        if (!abortable.contains(m.status())) {
            throw invalidState(idText, uuid, m.status(), "abort live migration");
        }
        throw ApiException.conflict("Live migration " + idText + " of instance " + uuid + " cannot be aborted: the"
                + " hosts of this cloud complete a live migration once they took it.");
    }

    private static ApiException invalidState(String id, String uuid, String status, String method) {
        return ApiException.badRequest("Migration " + id + " state of instance " + uuid + " is " + status
                + ". Cannot " + method + " while the migration is in this state.");
    }
}
