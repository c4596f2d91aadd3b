package dev.stratus.common.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import com.rabbitmq.client.Connection;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.amqp.ConnectionListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * At start-up, and again whenever the broker connection comes back (broadcasts sent while it was down
 * are lost), reads the revocations this process missed and re-reads the verification keys; prunes old
 * events hourly. Live revocations arrive on the broadcast ({@link RevocationListener}).
 */
@ApplicationScoped
public class RevocationSync {

    private static final Logger LOG = Logger.getLogger(RevocationSync.class);

    private final RevocationSource source;
    private final RevocationList revocations;
    private final TokenVerifier verifier;
    private final Messaging messaging;
    private ScheduledExecutorService timer;

    public RevocationSync(RevocationSource source, RevocationList revocations, TokenVerifier verifier,
            Messaging messaging) {
        this.source = source;
        this.revocations = revocations;
        this.verifier = verifier;
        this.messaging = messaging;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stratus-revocation-sync");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> load(1), 0, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> revocations.prune(Instant.now()), 1, 1, TimeUnit.HOURS);
        messaging.addConnectionListener(new ConnectionListener() {
            @Override
            public void recovered(Connection connection) {
                LOG.info("Broker connection recovered: re-reading revocations and keys that may have been missed");
                timer.schedule(() -> load(1), 0, TimeUnit.SECONDS);
                verifier.refreshKeys().subscribe().with(ok -> { },
                        e -> LOG.warnf("Key refresh after reconnect failed: %s", e.getMessage()));
            }
        });
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
