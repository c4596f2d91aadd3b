package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Receives every message of a broadcast: each subscriber (each process) binds its own exclusive,
 * server-named, auto-delete queue to the broadcast's fanout exchange. The queue, and what was published
 * while this process was disconnected, dies with the connection: broadcast receivers should re-sync
 * their state after a reconnect if missing a message matters (see
 * {@link ConnectionListener#recovered}).
 */
public final class FanoutSubscriber extends QueueSubscription {

    private final Topology topology;
    private final String fanout;
    private final DeliveryProcessor processor;

    public FanoutSubscriber(AmqpConnectionManager connections, ScheduledExecutorService timer, Topology topology,
            String fanout, DeliveryProcessor processor, int prefetch) {
        super(connections, timer, prefetch, false);
        this.topology = topology;
        this.fanout = Topology.requireTopic(fanout);
        this.processor = processor;
    }

    @Override
    protected String declare(Channel channel) throws IOException {
        topology.declareDeadLetter(channel);
        topology.declareFanoutExchange(channel, fanout);
        String queue = topology.declareExclusiveQueue(channel);
        channel.queueBind(queue, topology.fanoutExchange(fanout), "");
        return queue;
    }

    @Override
    protected void onDelivery(Channel channel, String queue, Delivery delivery) {
        processor.process(channel, queue, delivery);
    }

    @Override
    protected String description() {
        return "broadcast " + fanout;
    }

    @Override
    protected int inFlight() {
        return processor.inFlight();
    }
}
