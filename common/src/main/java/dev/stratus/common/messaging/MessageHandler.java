package dev.stratus.common.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Handles one message type of a topic or broadcast. The message is acknowledged only when the returned
 * stage completes normally; a failure (thrown or as a failed stage) requeues it once and then sends it to
 * the dead-letter queue. Handlers run on virtual threads, so blocking inside {@code handle} is fine.
 *
 * <p>Handlers must be idempotent: after a crash or a connection loss the same message (same
 * {@link MessageContext#messageId()}) can arrive again.
 */
@FunctionalInterface
public interface MessageHandler<T> {

    CompletionStage<?> handle(T payload, MessageContext context) throws Exception;

    /** Adapts a handler whose work is done when it returns. */
    static <T> MessageHandler<T> blocking(Blocking<T> handler) {
        return (payload, context) -> {
            handler.handle(payload, context);
            return CompletableFuture.completedFuture(null);
        };
    }

    @FunctionalInterface
    interface Blocking<T> {
        void handle(T payload, MessageContext context) throws Exception;
    }
}
