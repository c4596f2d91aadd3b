package dev.stratus.common.messaging.amqp;

import java.util.concurrent.CompletableFuture;

/** A message between {@code publish()} and the broker's confirm. */
final class PendingPublish {

    final OutboundMessage message;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    /** Publish sequence number of the latest attempt, 0 while unsent. */
    volatile long sequence;
    /** Times handed to a channel; tells a timeout whether the outcome is unknown or simply "not sent". */
    volatile int attempts;
    /** Only touched by the connection's reader thread (confirm callbacks). */
    volatile int nacks;

    PendingPublish(OutboundMessage message) {
        this.message = message;
    }
}
