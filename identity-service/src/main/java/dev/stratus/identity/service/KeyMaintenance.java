package dev.stratus.identity.service;

import dev.stratus.common.auth.TokenVerifier;
import dev.stratus.common.concurrent.DaemonThreads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Loads the signing keys before the service takes requests, then checks once a minute whether a
 * rotation is due or another instance rotated, and tells verifiers when the published set changed.
 */
@ApplicationScoped
public class KeyMaintenance {

    private static final Logger LOG = Logger.getLogger(KeyMaintenance.class);

    private final SigningKeyRing ring;
    private final TokenVerifier verifier;
    private final KeyRotationNotifier notifier;
    private ScheduledExecutorService timer;
    private volatile List<String> published = List.of();

    public KeyMaintenance(SigningKeyRing ring, TokenVerifier verifier, KeyRotationNotifier notifier) {
        this.ring = ring;
        this.verifier = verifier;
        this.notifier = notifier;
    }

    void start(@Observes @Priority(10) StartupEvent event) throws Throwable {
        published = VertxContextSupport.subscribeAndAwait(ring::maintain).publishedKids();
        timer = DaemonThreads.timer("stratus-key-maintenance");
        timer.scheduleWithFixedDelay(this::maintain, 60, 60, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void maintain() {
        try {
            afterChange(VertxContextSupport.subscribeAndAwait(ring::maintain));
        } catch (Throwable e) {
            LOG.warnf("Signing key maintenance failed: %s", e.getMessage());
        }
    }

    /** Rotates immediately (operator request). */
    public SigningKeyRing.Snapshot rotateNow() throws Throwable {
        SigningKeyRing.Snapshot snapshot = VertxContextSupport.subscribeAndAwait(ring::rotate);
        afterChange(snapshot);
        return snapshot;
    }

    private void afterChange(SigningKeyRing.Snapshot snapshot) {
        if (!snapshot.publishedKids().equals(published)) {
            published = snapshot.publishedKids();
            verifier.refreshKeys().await().indefinitely();
            notifier.keysChanged(snapshot.primaryKid());
        }
    }
}
