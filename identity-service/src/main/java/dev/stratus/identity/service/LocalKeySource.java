package dev.stratus.identity.service;

import dev.stratus.common.auth.KeySource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The identity service verifies tokens with its own key ring, not over HTTP to itself. */
@ApplicationScoped
public class LocalKeySource implements KeySource {

    private final SigningKeyRing ring;

    public LocalKeySource(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public Uni<String> fetchJwks() {
        return Uni.createFrom().item(() -> ring.current().jwks());
    }
}
