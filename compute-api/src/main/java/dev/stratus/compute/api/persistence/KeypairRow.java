package dev.stratus.compute.api.persistence;

import java.time.Instant;

/** A key pair of one user. */
public record KeypairRow(long id, String userId, String name, String fingerprint, String publicKey, String type,
        Instant createdAt) {
}
