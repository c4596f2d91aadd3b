package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.Messaging;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * What the scheduler sends: builds and moves to {@code compute.<host>} and ERROR reports to the conductor. Each send
 * waits for the broker's confirm, so a handler acknowledges its message only once its outcome is out.
 */
@ApplicationScoped
public class SchedulerOutbox {

    /** The instance action event Nova records for scheduling. */
    public static final String SCHEDULE_EVENT = "conductor_schedule_and_build_instances";

    /** The instance action event Nova's conductor records for a resize or cold migration. */
    public static final String MIGRATE_EVENT = "conductor_migrate_server";

    /** The instance action event Nova's conductor records for a live migration. */
    public static final String LIVE_MIGRATE_EVENT = "conductor_live_migrate_instance";

    /** The instance action event Nova's conductor records for a rebuild, an evacuation's included. */
    public static final String REBUILD_EVENT = "conductor_rebuild_server";

    private final Messaging messaging;

    public SchedulerOutbox(Messaging messaging) {
        this.messaging = messaging;
    }

    public void build(BuildInstance build, String requestId) {
        await(messaging.cast(ComputeTopics.computeHost(build.host()), BuildInstance.TYPE, build, requestId));
    }

    /** The instance goes to ERROR with this fault; its task state is cleared. */
    public void error(String instanceId, InstanceFault fault, String requestId) {
        Instant now = Instant.now();
        ActionEvent event = requestId == null ? null
                : new ActionEvent(requestId, SCHEDULE_EVENT, now, now, "Error", null, fault.details());
        InstanceStateReport report = new InstanceStateReport(instanceId, null, null, "error", null, true, null, null,
                fault, event, ChronoUnit.MICROS.between(Instant.EPOCH, now), now);
        await(messaging.cast(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE, report, requestId));
    }

    /** Starts a scheduled move on its source host. */
    public void move(MoveInstance step, String host, String requestId) {
        await(messaging.cast(ComputeTopics.computeHost(host), MoveInstance.TYPE, step, requestId));
    }

    /** Starts a scheduled live migration on its source host. */
    public void liveMigrate(LiveMigrateInstance step, String host, String requestId) {
        await(messaging.cast(ComputeTopics.computeHost(host), LiveMigrateInstance.TYPE, step, requestId));
    }

    /** Starts a scheduled evacuation on its destination (its source is down). */
    public void evacuate(EvacuateInstance evacuation, String host, String requestId) {
        await(messaging.cast(ComputeTopics.computeHost(host), EvacuateInstance.TYPE, evacuation, requestId));
    }

    /**
     * A move found no destination: the instance stays as it was on its host, without its task, with this fault;
     * the migration ends in error. The event is the conductor's, as Nova records it.
     */
    public void moveError(String instanceId, String migrationId, InstanceFault fault, String requestId) {
        moveError(instanceId, migrationId, fault, requestId, MIGRATE_EVENT);
    }

    /** {@link #moveError} with the conductor's event of this kind of move. */
    public void moveError(String instanceId, String migrationId, InstanceFault fault, String requestId,
            String eventName) {
        moveError(instanceId, migrationId, fault, requestId, eventName, null);
    }

    /** {@link #moveError} that also sets the instance's vm_state ({@code vmState} null: unchanged). */
    public void moveError(String instanceId, String migrationId, InstanceFault fault, String requestId,
            String eventName, String vmState) {
        Instant now = Instant.now();
        ActionEvent event = requestId == null ? null
                : new ActionEvent(requestId, eventName, now, now, "Error", null, fault.details());
        InstanceStateReport report = new InstanceStateReport(instanceId, null, null, vmState, null, true, null,
                null, fault, event, ChronoUnit.MICROS.between(Instant.EPOCH, now), now);
        await(messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                new MoveReport(report, migrationId, MoveReport.ERROR, null), requestId));
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> sent) {
        try {
            sent.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not send: " + e.getMessage(), e);
        }
    }
}
