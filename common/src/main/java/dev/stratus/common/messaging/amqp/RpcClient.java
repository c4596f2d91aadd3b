package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.EnvelopeCodec;
import dev.stratus.common.messaging.MessagingException;
import dev.stratus.common.messaging.PublishTimeoutException;
import dev.stratus.common.messaging.RemoteCallException;
import dev.stratus.common.messaging.RpcTimeoutException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Request/reply over a topic: publishes the request with a correlation id and the client's reply address,
 * and completes the call's future with the reply, an error reply, or an {@link RpcTimeoutException}.
 */
public final class RpcClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RpcClient.class);

    private final Topology topology;
    private final PublisherTopology declarations;
    private final ConfirmingPublisher publisher;
    private final EnvelopeCodec codec;
    private final ScheduledExecutorService timer;
    private final String replyAddress = "reply-" + UUID.randomUUID();
    private final ReplyConsumer replies;
    private final Map<String, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();

    public RpcClient(AmqpConnectionManager connections, ScheduledExecutorService timer, Topology topology,
            PublisherTopology declarations, ConfirmingPublisher publisher, EnvelopeCodec codec) {
        this.topology = topology;
        this.declarations = declarations;
        this.publisher = publisher;
        this.codec = codec;
        this.timer = timer;
        this.replies = new ReplyConsumer(connections, timer, topology, replyAddress, this::onReply);
        this.replies.start();
    }

    /**
     * Sends {@code request} to {@code topic} and completes with the reply envelope. Fails with
     * {@link RpcTimeoutException} when no reply arrives within {@code timeout} (the clock starts now, so
     * waiting for a connection counts), or {@link RemoteCallException} when the server answered an error.
     */
    public CompletableFuture<Envelope> call(String topic, Envelope request, Duration timeout) {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<Envelope> result = new CompletableFuture<>();
        pending.put(correlationId, result);
        var expiry = timer.schedule(() -> result.completeExceptionally(
                new RpcTimeoutException(topic, request.name(), timeout, correlationId, request.requestId())),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((reply, failure) -> {
            expiry.cancel(false);
            pending.remove(correlationId);
        });

        long deadline = System.currentTimeMillis() + timeout.toMillis();
        AMQP.BasicProperties props = AmqpHeaders.forEnvelope(request, true, Map.of(AmqpHeaders.DEADLINE, deadline))
                .correlationId(correlationId)
                .replyTo(replyAddress)
                // No "expiration" property: RabbitMQ reads it as a relative TTL, Qpid Broker-J as an absolute
                // time, so a stale request is dropped by the server through the deadline header instead.
                .build();
        OutboundMessage message = new OutboundMessage(topology.topicExchange(), topic, props, codec.encode(request),
                "call " + request.name() + " to " + topic);
        replies.attached()
                .thenCompose(queue -> declarations.ensureTopic(topic))
                .thenCompose(declared -> publisher.publish(message, timeout))
                .whenComplete((sent, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    // A publish that timed out is reported as the call's timeout, which fires at the same time.
                    if (cause != null && !(cause instanceof PublishTimeoutException)) {
                        result.completeExceptionally(cause);
                    }
                });
        return result;
    }

    /** The current server-named reply queue (changes after each recovery); null before the first connect. */
    public String replyQueue() {
        return replies.queue();
    }

    /** Completes with the reply queue name once replies can be received. */
    public CompletableFuture<String> ready() {
        return replies.attached();
    }

    private void onReply(Delivery delivery) {
        String correlationId = delivery.getProperties().getCorrelationId();
        CompletableFuture<Envelope> call = correlationId == null ? null : pending.get(correlationId);
        if (call == null) {
            LOG.debugf("Reply %s arrived after its call timed out; dropped", correlationId);
            return;
        }
        try {
            Envelope reply = codec.decode(delivery.getBody());
            Object status = AmqpHeaders.header(delivery.getProperties(), AmqpHeaders.REPLY_STATUS);
            if (status != null && "error".equals(status.toString())) {
                ReplySender.RemoteError error = codec.payload(reply, ReplySender.RemoteError.class);
                call.completeExceptionally(new RemoteCallException(error.type(), error.message()));
            } else {
                call.complete(reply);
            }
        } catch (RuntimeException e) {
            call.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        replies.close();
        pending.values().forEach(f -> f.completeExceptionally(new MessagingException("RPC client closed")));
    }
}
