package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The reply queue of one {@link RpcClient}: exclusive, auto-delete and server-named (Qpid Broker-J has no
 * RabbitMQ direct reply-to), bound to the reply exchange with the client's reply address.
 *
 * <p>Callers put the reply address, not the queue name, in reply-to. After a recovery the queue has a new
 * name, but the client's topology recovery binds the new queue with the same address: requests published
 * before the recovery (or republished by it) stay answerable without rewriting their reply-to.
 */
final class ReplyConsumer extends QueueSubscription {

    private final Topology topology;
    private final String replyAddress;
    private final Consumer<Delivery> onReply;

    ReplyConsumer(AmqpConnectionManager connections, ScheduledExecutorService timer, Topology topology,
            String replyAddress, Consumer<Delivery> onReply) {
        // Replies are acknowledged on receipt: a reply nobody waits for any more is worthless.
        super(connections, timer, 0, true);
        this.topology = topology;
        this.replyAddress = replyAddress;
        this.onReply = onReply;
    }

    @Override
    protected String declare(Channel channel) throws IOException {
        topology.declareReplyExchange(channel);
        String queue = topology.declareExclusiveQueue(channel);
        channel.queueBind(queue, topology.replyExchange(), replyAddress);
        return queue;
    }

    @Override
    protected void onDelivery(Channel channel, String queue, Delivery delivery) {
        onReply.accept(delivery);
    }

    @Override
    protected String description() {
        return "replies " + replyAddress;
    }
}
