package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AMQP;
import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.RequestIds;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * AMQP properties and headers of our messages. The body carries everything; properties repeat what
 * brokers, tools and log readers need without parsing it.
 */
public final class AmqpHeaders {

    public static final String VERSION = "x-stratus-version";
    /** Epoch milliseconds after which nobody waits for the reply of a call any more. */
    public static final String DEADLINE = "x-stratus-deadline";
    /** "ok" or "error" on replies. */
    public static final String REPLY_STATUS = "x-stratus-reply-status";
    public static final String DEAD_LETTER_REASON = "x-stratus-dead-letter-reason";
    public static final String DEAD_LETTER_DETAIL = "x-stratus-dead-letter-detail";
    public static final String ORIGINAL_EXCHANGE = "x-stratus-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-stratus-original-routing-key";
    public static final String ORIGINAL_QUEUE = "x-stratus-original-queue";

    static final int PERSISTENT = 2;
    static final int TRANSIENT = 1;

    private AmqpHeaders() {
    }

    /** Properties for an envelope: JSON, its id, name and time, its request id and version as headers. */
    public static AMQP.BasicProperties.Builder forEnvelope(Envelope envelope, boolean persistent) {
        return forEnvelope(envelope, persistent, Map.of());
    }

    public static AMQP.BasicProperties.Builder forEnvelope(Envelope envelope, boolean persistent,
            Map<String, Object> extraHeaders) {
        Map<String, Object> headers = new HashMap<>(extraHeaders);
        headers.put(VERSION, envelope.version());
        if (envelope.requestId() != null) {
            headers.put(RequestIds.HEADER, envelope.requestId());
        }
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .messageId(envelope.messageId())
                .type(envelope.name())
                .timestamp(envelope.sentAt() == null ? null : Date.from(envelope.sentAt()))
                .deliveryMode(persistent ? PERSISTENT : TRANSIENT)
                .headers(headers);
    }

    static Object header(AMQP.BasicProperties props, String name) {
        Map<String, Object> headers = props.getHeaders();
        return headers == null ? null : headers.get(name);
    }
}
