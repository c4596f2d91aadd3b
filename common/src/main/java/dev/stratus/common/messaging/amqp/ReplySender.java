package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AMQP;
import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.EnvelopeCodec;
import dev.stratus.common.messaging.MessageType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the answer of a call to the caller's reply address on the reply exchange.
 *
 * <p>Replies are transient: they are only useful to a caller that is still connected and waiting, and its
 * exclusive reply queue does not survive a broker restart anyway.
 */
public final class ReplySender {

    /** Payload of an error reply. */
    public record RemoteError(String type, String message) {
        public static final MessageType<RemoteError> TYPE = MessageType.of("error", "1.0", RemoteError.class);
    }

    /** Payload-less reply for a call that reached a cast handler: "done". */
    static final MessageType<Void> ACK = MessageType.of("ack", "1.0", Void.class);

    private final Topology topology;
    private final ConfirmingPublisher publisher;
    private final EnvelopeCodec codec;
    private final Duration publishTimeout;

    public ReplySender(Topology topology, ConfirmingPublisher publisher, EnvelopeCodec codec, Duration publishTimeout) {
        this.topology = topology;
        this.publisher = publisher;
        this.codec = codec;
        this.publishTimeout = publishTimeout;
    }

    public CompletableFuture<Void> reply(String replyTo, String correlationId, Envelope reply) {
        return send(replyTo, correlationId, reply, "ok");
    }

    public CompletableFuture<Void> replyError(String replyTo, String correlationId, String requestId, String type,
            String message) {
        Envelope error = codec.wrap(RemoteError.TYPE, new RemoteError(type, message), requestId);
        return send(replyTo, correlationId, error, "error");
    }

    public CompletableFuture<Void> replyDone(String replyTo, String correlationId, String requestId) {
        return send(replyTo, correlationId, codec.wrap(ACK, null, requestId), "ok");
    }

    private CompletableFuture<Void> send(String replyTo, String correlationId, Envelope reply, String status) {
        AMQP.BasicProperties props = AmqpHeaders.forEnvelope(reply, false, Map.of(AmqpHeaders.REPLY_STATUS, status))
                .correlationId(correlationId)
                .build();
        return publisher.publish(new OutboundMessage(topology.replyExchange(), replyTo, props, codec.encode(reply),
                "reply " + reply.name() + " to " + correlationId), publishTimeout);
    }
}
