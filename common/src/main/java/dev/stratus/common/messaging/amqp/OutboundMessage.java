package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AMQP;

/**
 * One message ready for the wire. Immutable, because it may be published several times (after a nack
 * or a connection recovery).
 *
 * @param description what the message is, for log lines and error messages
 */
public record OutboundMessage(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
        String description) {
}
