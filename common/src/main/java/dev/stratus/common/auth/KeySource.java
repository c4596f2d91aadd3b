package dev.stratus.common.auth;

import io.smallrye.mutiny.Uni;

/** Supplies the identity service's public signing keys as a JWKS document. */
public interface KeySource {

    Uni<String> fetchJwks();
}
