package dev.stratus.common.messaging.amqp;

/**
 * Kind of durable queue declared for topics and the dead-letter queue.
 *
 * <p>{@link #QUORUM} sends {@code x-queue-type: quorum}, which only a RabbitMQ cluster understands; Qpid
 * Broker-J rejects unknown declare arguments, so {@link #CLASSIC} sends no argument at all.
 */
public enum QueueType {
    CLASSIC,
    QUORUM
}
