package dev.stratus.common.messaging.amqp;

import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.EnvelopeCodec;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.RpcHandler;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers of one queue, by message name: exactly one handler per message type, so a topic such as
 * {@code compute.host1} dispatches {@code build_instance}, {@code delete_instance}, ... to small classes.
 */
public final class HandlerRegistry {

    /** What to run for one message name. Completes with the reply envelope for calls, null for casts. */
    @FunctionalInterface
    interface Invoker {
        CompletionStage<Envelope> invoke(Envelope request, MessageContext context) throws Exception;
    }

    record Route(MessageType<?> type, boolean call, Invoker invoker) {
    }

    private final String destination;
    private final EnvelopeCodec codec;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    public HandlerRegistry(String destination, EnvelopeCodec codec) {
        this.destination = destination;
        this.codec = codec;
    }

    public <T> void onCast(MessageType<T> type, MessageHandler<T> handler) {
        add(new Route(type, false, (request, context) -> {
            T payload = codec.payload(request, type.payloadClass());
            CompletionStage<?> done = handler.handle(payload, context);
            return done == null ? CompletableFuture.completedFuture(null) : done.thenApply(ignored -> null);
        }));
    }

    public <Q, R> void onCall(MessageType<Q> type, MessageType<R> replyType, RpcHandler<Q, R> handler) {
        add(new Route(type, true, (request, context) -> {
            Q payload = codec.payload(request, type.payloadClass());
            CompletionStage<R> reply = handler.handle(payload, context);
            if (reply == null) {
                reply = CompletableFuture.completedFuture(null);
            }
            return reply.thenApply(r -> codec.wrap(replyType, r, context.requestId()));
        }));
    }

    Route route(String messageName) {
        return routes.get(messageName);
    }

    public String destination() {
        return destination;
    }

    private void add(Route route) {
        Route previous = routes.putIfAbsent(route.type().name(), route);
        if (previous != null) {
            throw new IllegalStateException("message '" + route.type().name() + "' on '" + destination
                    + "' already has a handler (" + previous.type() + "): one handler per message type");
        }
    }
}
