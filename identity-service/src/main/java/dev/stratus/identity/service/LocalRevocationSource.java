package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.auth.RevocationSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The identity service reads missed revocations from its own database. */
@ApplicationScoped
public class LocalRevocationSource implements RevocationSource {

    private final Revocations revocations;

    public LocalRevocationSource(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public List<RevocationEvent> recent() throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> revocations.since(Instant.now().minus(Duration.ofDays(2)))));
        } catch (Throwable e) {
            throw new Exception(e);
        }
    }
}
