package dev.stratus.compute.api.persistence;

import java.time.Instant;

/** The latest fault of an instance. */
public record FaultRow(int code, String message, String details, Instant createdAt) {
}
