package dev.stratus.common.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * At start-up, reads the revocations this process missed (retrying until the source answers); then
 * prunes old events hourly. Live revocations arrive on the broadcast ({@link RevocationListener}).
 */
@ApplicationScoped
public class RevocationSync {

    private static final Logger LOG = Logger.getLogger(RevocationSync.class);

    private final RevocationSource source;
    private final RevocationList revocations;
    private ScheduledExecutorService timer;

    public RevocationSync(RevocationSource source, RevocationList revocations) {
        this.source = source;
        this.revocations = revocations;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stratus-revocation-sync");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> load(1), 0, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> revocations.prune(Instant.now()), 1, 1, TimeUnit.HOURS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void load(int attempt) {
        try {
            var events = source.recent();
            revocations.addAll(events);
            LOG.infof("Loaded %d revocation event(s)", events.size());
        } catch (Exception e) {
            long delay = Math.min(30, 1L << Math.min(attempt, 5));
            LOG.warnf("Could not read revocation events yet (%s); retrying in %d s", e.getMessage(), delay);
            timer.schedule(() -> load(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }
}
