package dev.stratus.common.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers one call type. The reply is sent, then the request acknowledged; a failure is sent back to the
 * caller as a {@link RemoteCallException} instead of being retried, because the caller is waiting.
 */
@FunctionalInterface
public interface RpcHandler<Q, R> {

    CompletionStage<R> handle(Q request, MessageContext context) throws Exception;

    /** Adapts a handler that computes its reply before returning. */
    static <Q, R> RpcHandler<Q, R> blocking(Blocking<Q, R> handler) {
        return (request, context) -> CompletableFuture.completedFuture(handler.handle(request, context));
    }

    @FunctionalInterface
    interface Blocking<Q, R> {
        R handle(Q request, MessageContext context) throws Exception;
    }
}
