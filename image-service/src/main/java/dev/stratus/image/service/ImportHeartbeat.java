package dev.stratus.image.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageTaskEntity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The heartbeat of running imports: while an {@link ImportJob} runs, its task's {@code updated_at} is set every
 * {@code stratus.image.import.heartbeat-interval}, so that {@link ImportRecovery} never takes a live import for an
 * interrupted one. The update only touches a task still running: when it finds the task ended, the recovery took
 * it for dead (heartbeats failed for longer than the timeout) and the job learns it has {@link Beat#lost()} it.
 */
@ApplicationScoped
class ImportHeartbeat {

    private static final Logger LOG = Logger.getLogger(ImportHeartbeat.class);

    private final long intervalMillis;
    private final ScheduledExecutorService beater = DaemonThreads.timer("image-import-heartbeat");

    ImportHeartbeat(ImageSettings settings) {
        this.intervalMillis = Math.max(1, settings.imports().heartbeatInterval().toMillis());
    }

    /** Starts beating for {@code taskId} until the returned beat is closed. */
    Beat start(String taskId) {
        Beat beat = new Beat(taskId);
        beat.future = beater.scheduleWithFixedDelay(beat::beat, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        return beat;
    }

    /** One import's heartbeat. */
    static final class Beat implements AutoCloseable {
        private final String taskId;
        private volatile ScheduledFuture<?> future;
        private volatile boolean lost;

        private Beat(String taskId) {
            this.taskId = taskId;
        }

        private void beat() {
            if (lost) {
                return;
            }
            try {
                int updated = Transactions.run(() -> ImageTaskEntity.update(
                        "updatedAt = ?1 where id = ?2 and status in ?3", Instant.now(), taskId, ImportEnding.RUNNING));
                if (updated == 0) {
                    lost = true;
                    LOG.warnf("Import task %s was ended by the recovery of interrupted imports: stopping", taskId);
                    close();
                }
            } catch (RuntimeException e) {
                // The next beat may get through; only missing them all until the timeout makes the task stale.
                LOG.warnf("Import task %s: heartbeat failed: %s", taskId, e.toString());
            }
        }

        /** Whether the task was taken for interrupted and ended meanwhile: the job must stop, changing nothing. */
        boolean lost() {
            return lost;
        }

        @Override
        public void close() {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        beater.shutdownNow();
    }
}
