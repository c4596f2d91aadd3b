package dev.stratus.compute.node;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records what the nodes send to compute-api and the scheduler, as those services would receive it. */
public final class MessageRecorder {

    public final List<InstanceStateReport> reports = new CopyOnWriteArrayList<>();
    public final List<RescheduleInstance> reschedules = new CopyOnWriteArrayList<>();
    public final List<ServiceHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    public final List<MoveReport> moveReports = new CopyOnWriteArrayList<>();

    private MessageRecorder() {
    }

    private static final Map<Messaging, MessageRecorder> RECORDERS = new IdentityHashMap<>();

    /** The recorder of this messaging instance (a topic takes one handler per type: attach once). */
    public static synchronized MessageRecorder attach(Messaging messaging) {
        MessageRecorder existing = RECORDERS.get(messaging);
        if (existing != null) {
            return existing;
        }
        MessageRecorder recorder = new MessageRecorder();
        RECORDERS.put(messaging, recorder);
        messaging.subscribe(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE,
                MessageHandler.blocking((report, ctx) -> recorder.reports.add(report)));
        messaging.subscribe(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                MessageHandler.blocking((report, ctx) -> recorder.moveReports.add(report)));
        messaging.subscribe(ComputeTopics.SCHEDULER, RescheduleInstance.TYPE,
                MessageHandler.blocking((reschedule, ctx) -> recorder.reschedules.add(reschedule)));
        messaging.subscribeBroadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE,
                MessageHandler.blocking((heartbeat, ctx) -> recorder.heartbeats.add(heartbeat)));
        try {
            messaging.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("subscriptions not attached: " + messaging.consumedQueues(), e);
        }
        return recorder;
    }

    public List<InstanceStateReport> reportsFor(String instanceId) {
        List<InstanceStateReport> found = new ArrayList<>();
        for (InstanceStateReport report : reports) {
            if (report.instanceId().equals(instanceId)) {
                found.add(report);
            }
        }
        return found;
    }

    /** Waits until a report about the instance matches, and returns it. */
    public InstanceStateReport awaitReport(String instanceId, Predicate<InstanceStateReport> matching) {
        return await(() -> reportsFor(instanceId).stream().filter(matching).findFirst().orElse(null),
                "a report about " + instanceId + " matching; got " + reportsFor(instanceId));
    }

    /** Waits until a move report of that migration reaches {@code status}, and returns it. */
    public MoveReport awaitMove(String migrationId, String status) {
        return await(() -> moveReports.stream().filter(m -> m.migrationId().equals(migrationId)
                && status.equals(m.migrationStatus())).findFirst().orElse(null),
                "move " + migrationId + " " + status + "; got " + moveReports.stream()
                        .filter(m -> m.migrationId().equals(migrationId)).map(MoveReport::migrationStatus).toList());
    }

    public <T> T await(java.util.function.Supplier<T> probe, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
