package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Consumes a topic's durable queue. Every process serving the topic consumes the same queue, so each
 * message goes to one of them (work distribution), with manual acks and a bounded prefetch.
 */
public final class TopicConsumer extends QueueSubscription {

    private final Topology topology;
    private final String topic;
    private final DeliveryProcessor processor;

    public TopicConsumer(AmqpConnectionManager connections, ScheduledExecutorService timer, Topology topology,
            String topic, DeliveryProcessor processor, int prefetch) {
        super(connections, timer, prefetch, false);
        this.topology = topology;
        this.topic = Topology.requireTopic(topic);
        this.processor = processor;
    }

    @Override
    protected String declare(Channel channel) throws IOException {
        topology.declareDeadLetter(channel);
        topology.declareReplyExchange(channel); // calls to this topic are answered there
        return topology.declareTopicQueue(channel, topic);
    }

    @Override
    protected void onDelivery(Channel channel, String queue, Delivery delivery) {
        processor.process(channel, queue, delivery);
    }

    @Override
    protected String description() {
        return "topic " + topic;
    }

    @Override
    protected int inFlight() {
        return processor.inFlight();
    }
}
