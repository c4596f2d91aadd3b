package dev.stratus.scheduler.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.EnvelopeCodec;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.amqp.QueueType;
import dev.stratus.common.messaging.amqp.Topology;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.scheduler.SchedulerTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands where compute nodes and compute-api would: consumes the scheduler tests' queues of the topics it
 * is told to ({@code compute.<host>}, {@code conductor}) on the real broker, and keeps every message, so a
 * test can judge what the scheduler sent. Queues are purged when listening starts (a run interrupted
 * earlier may have left messages) and the {@code compute.*} ones are deleted on close.
 */
public final class MessageRecorder implements AutoCloseable {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Topology topology = new Topology(SchedulerTestResource.EXCHANGE, QueueType.CLASSIC);
    private final Connection connection;
    private final Channel channel;
    private final Map<String, List<Envelope>> received = new ConcurrentHashMap<>();
    private final Set<String> queues = new LinkedHashSet<>();

    public MessageRecorder() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(TestBrokers.ensure().amqpUri());
            connection = factory.newConnection("scheduler-test-recorder");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the test broker", e);
        }
    }

    /** Starts recording everything cast to {@code topic}; returns this. */
    public synchronized MessageRecorder listen(String... topics) {
        for (String topic : topics) {
            if (received.containsKey(topic)) {
                continue;
            }
            List<Envelope> list = new CopyOnWriteArrayList<>();
            received.put(topic, list);
            try {
                String queue = topology.declareTopicQueue(channel, topic);
                channel.queuePurge(queue);
                queues.add(queue);
                channel.basicConsume(queue, true, (tag, delivery) -> list.add(codec.decode(delivery.getBody())),
                        tag -> { });
            } catch (Exception e) {
                throw new IllegalStateException("cannot consume " + topic, e);
            }
        }
        return this;
    }

    public <T> List<T> messages(String topic, MessageType<T> type) {
        List<T> payloads = new ArrayList<>();
        for (Envelope e : received.getOrDefault(topic, List.of())) {
            if (e.name().equals(type.name())) {
                payloads.add(codec.payload(e, type.payloadClass()));
            }
        }
        return payloads;
    }

    public List<Envelope> envelopes(String topic) {
        return List.copyOf(received.getOrDefault(topic, List.of()));
    }

    /** Every message of every topic listened to. */
    public int total() {
        return received.values().stream().mapToInt(List::size).sum();
    }

    /** Waits until {@code condition} holds on this recorder; fails with {@code what} after {@code timeout}. */
    public void await(String what, Duration timeout, Predicate<MessageRecorder> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; recorded: " + summary());
            }
            sleep(20);
        }
    }

    /** Waits {@code quiet} and fails if anything more arrived than {@code expectedTotal} messages. */
    public void assertNothingMore(int expectedTotal, Duration quiet) {
        sleep(quiet.toMillis());
        if (total() != expectedTotal) {
            throw new AssertionError("expected " + expectedTotal + " messages in all, got " + total() + ": " + summary());
        }
    }

    public void clear() {
        received.values().forEach(List::clear);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        received.forEach((topic, list) -> {
            Map<String, Integer> byName = new java.util.TreeMap<>();
            list.forEach(e -> byName.merge(e.name(), 1, Integer::sum));
            sb.append(topic).append('=').append(byName).append(' ');
        });
        return sb.toString().trim();
    }

    @Override
    public void close() {
        try {
            for (String queue : queues) {
                if (queue.startsWith(topology.topicQueue("compute.x").replace("compute.x", "compute."))) {
                    channel.queueDelete(queue);
                }
            }
            connection.close();
        } catch (Exception ignored) {
            // The broker drops what is left with the connection.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
