package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.Map;

/**
 * Names and declarations of everything the messaging layer puts on a broker. Every name is derived from
 * one configured exchange name, so two clouds (or two test runs) on one broker never meet.
 *
 * <pre>
 * {exchange}                 durable topic exchange; routing key = topic ("scheduler", "compute.host1")
 * {exchange}.{topic}         durable queue per topic, bound with the topic as key (competing consumers)
 * {exchange}.fanout.{name}   durable fanout exchange per broadcast ("identity.revocations")
 * {exchange}.reply           durable direct exchange for call replies, key = the caller's reply address
 * {exchange}.dlx             durable topic exchange for dead letters
 * {exchange}.dead-letter     durable queue bound to the dead-letter exchange with "#"
 * (server-named)             exclusive auto-delete queue per reply client and per broadcast subscriber
 * </pre>
 *
 * <p>Only standard AMQP 0-9-1 declarations are used, so Qpid Broker-J accepts them; the one broker
 * specific argument, {@code x-queue-type: quorum}, is sent only when configured.
 */
public final class Topology {

    private final String exchange;
    private final QueueType queueType;

    public Topology(String exchange, QueueType queueType) {
        this.exchange = exchange;
        this.queueType = queueType;
    }

    public String topicExchange() {
        return exchange;
    }

    public String topicQueue(String topic) {
        return exchange + "." + requireTopic(topic);
    }

    public String fanoutExchange(String name) {
        return exchange + ".fanout." + requireTopic(name);
    }

    public String replyExchange() {
        return exchange + ".reply";
    }

    public String deadLetterExchange() {
        return exchange + ".dlx";
    }

    public String deadLetterQueue() {
        return exchange + ".dead-letter";
    }

    /** Topic exchange, the topic's queue and its binding. Returns the queue name. */
    public String declareTopicQueue(Channel ch, String topic) throws IOException {
        ch.exchangeDeclare(topicExchange(), BuiltinExchangeType.TOPIC, true);
        String queue = topicQueue(topic);
        ch.queueDeclare(queue, true, false, false, durableQueueArguments());
        ch.queueBind(queue, topicExchange(), topic);
        return queue;
    }

    public void declareDeadLetter(Channel ch) throws IOException {
        ch.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(deadLetterQueue(), true, false, false, durableQueueArguments());
        ch.queueBind(deadLetterQueue(), deadLetterExchange(), "#");
    }

    public void declareReplyExchange(Channel ch) throws IOException {
        ch.exchangeDeclare(replyExchange(), BuiltinExchangeType.DIRECT, true);
    }

    public void declareFanoutExchange(Channel ch, String name) throws IOException {
        ch.exchangeDeclare(fanoutExchange(name), BuiltinExchangeType.FANOUT, true);
    }

    /**
     * A queue only this connection uses and the broker deletes with it. The broker picks the name, which
     * is therefore different after every recovery.
     */
    public String declareExclusiveQueue(Channel ch) throws IOException {
        return ch.queueDeclare("", false, true, true, Map.of()).getQueue();
    }

    Map<String, Object> durableQueueArguments() {
        return queueType == QueueType.QUORUM ? Map.of("x-queue-type", "quorum") : Map.of();
    }

    /**
     * Topics become routing and binding keys: a '*' or '#' would turn a binding into a wildcard that
     * steals other topics' messages.
     */
    public static String requireTopic(String topic) {
        if (topic == null || topic.isBlank() || topic.length() > 200) {
            throw new IllegalArgumentException("topic must be 1 to 200 characters: '" + topic + "'");
        }
        if (topic.contains("*") || topic.contains("#") || topic.startsWith(".") || topic.endsWith(".")) {
            throw new IllegalArgumentException("topic must be dot-separated words without wildcards: '"
                    + topic + "'");
        }
        return topic;
    }
}
