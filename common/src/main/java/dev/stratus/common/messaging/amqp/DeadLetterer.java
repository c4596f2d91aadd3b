package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Moves a message that cannot or should not be handled to the dead-letter queue, with the reason.
 *
 * <p>We publish the copy ourselves (confirmed, then ack the original) instead of relying on RabbitMQ's
 * {@code x-dead-letter-exchange} queue argument: Qpid Broker-J refuses that argument, and our own copy can
 * say why it was dead-lettered.
 */
public final class DeadLetterer {

    private static final int MAX_DETAIL = 1_000;

    private final Topology topology;
    private final ConfirmingPublisher publisher;
    private final Duration publishTimeout;

    public DeadLetterer(Topology topology, ConfirmingPublisher publisher, Duration publishTimeout) {
        this.topology = topology;
        this.publisher = publisher;
        this.publishTimeout = publishTimeout;
    }

    /**
     * @param destination the topic or broadcast the message came from; the dead letter's routing key
     * @param reason      a short code: malformed, unknown_message, unsupported_version, handler_failed
     */
    public CompletableFuture<Void> deadLetter(Delivery delivery, String destination, String queue, String reason,
            String detail) {
        AMQP.BasicProperties original = delivery.getProperties();
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(AmqpHeaders.DEAD_LETTER_REASON, reason);
        headers.put(AmqpHeaders.DEAD_LETTER_DETAIL, truncate(detail));
        headers.put(AmqpHeaders.ORIGINAL_EXCHANGE, delivery.getEnvelope().getExchange());
        headers.put(AmqpHeaders.ORIGINAL_ROUTING_KEY, delivery.getEnvelope().getRoutingKey());
        headers.put(AmqpHeaders.ORIGINAL_QUEUE, queue);
        headers.put("x-stratus-dead-lettered-at", Instant.now().toString());
        AMQP.BasicProperties props = original.builder()
                .headers(headers)
                .deliveryMode(AmqpHeaders.PERSISTENT)
                .expiration(null) // a dead letter is kept until someone looks at it
                .build();
        return publisher.publish(new OutboundMessage(topology.deadLetterExchange(), destination, props,
                delivery.getBody(), "dead letter " + original.getType() + " from " + destination), publishTimeout);
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }
}
