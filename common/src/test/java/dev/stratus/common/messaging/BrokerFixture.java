package dev.stratus.common.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.common.messaging.amqp.Topology;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One test's private corner of the machine's RabbitMQ (127.0.0.1:5672, guest): a unique exchange name,
 * hence unique queue names, and unique connection names (so that rabbitmqctl closes only ours).
 * Deletes everything it created on close.
 */
final class BrokerFixture implements AutoCloseable {

    static final String RUN = "stratus-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final int port;
    final String exchange;
    /** Every connection made through this fixture's settings has a name starting with this. */
    final String connectionPrefix;
    final Topology topology;
    private final List<Messaging> opened = new ArrayList<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private final Set<String> fanouts = new LinkedHashSet<>();
    private Connection admin;
    private Channel adminChannel;

    /** On the machine's RabbitMQ. */
    BrokerFixture() {
        this(5672);
    }

    /** On the broker listening on 127.0.0.1:{@code port} with guest/guest. */
    BrokerFixture(int port) {
        this.port = port;
        exchange = RUN + "-" + COUNTER.incrementAndGet();
        connectionPrefix = exchange + "/";
        topology = new Topology(exchange, dev.stratus.common.messaging.amqp.QueueType.CLASSIC);
    }

    /** Settings for tests: fast retries, short timeouts. */
    AmqpSettings.Builder settings(String role) {
        return AmqpSettings.builder()
                .port(port)
                .exchange(exchange)
                .connectionName(connectionPrefix + role)
                .connectRetry(Duration.ofMillis(100), Duration.ofSeconds(1))
                .publishTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(5))
                .heartbeat(Duration.ofSeconds(5));
    }

    Messaging messaging(String role) {
        return messaging(settings(role).build());
    }

    Messaging messaging(AmqpSettings settings) {
        Messaging m = new Messaging(settings);
        synchronized (opened) {
            opened.add(m);
        }
        return m;
    }

    /** Records a topic for clean-up and returns it. */
    String topic(String topic) {
        topics.add(topic);
        return topic;
    }

    String fanout(String fanout) {
        fanouts.add(fanout);
        return fanout;
    }

    synchronized Channel admin() throws IOException, TimeoutException {
        if (admin == null || !admin.isOpen()) {
            ConnectionFactory f = new ConnectionFactory();
            f.setPort(port);
            f.setAutomaticRecoveryEnabled(false);
            admin = f.newConnection(RUN + "-admin");
        }
        if (adminChannel == null || !adminChannel.isOpen()) {
            adminChannel = admin.createChannel();
        }
        return adminChannel;
    }

    /** Ready (not unacknowledged) messages of a queue. */
    long ready(String queue) throws Exception {
        return admin().queueDeclarePassive(queue).getMessageCount();
    }

    /** Takes every ready message off a queue. */
    List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> all = new ArrayList<>();
        for (GetResponse r; (r = admin().basicGet(queue, true)) != null; ) {
            all.add(r);
        }
        return all;
    }

    List<GetResponse> deadLetters() throws Exception {
        return drain(topology.deadLetterQueue());
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return await(future, Duration.ofSeconds(20));
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static void eventually(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (opened) {
            opened.forEach(m -> m.close(Duration.ofMillis(500)));
        }
        List<String> queues = new ArrayList<>();
        topics.forEach(t -> queues.add(topology.topicQueue(t)));
        queues.add(topology.deadLetterQueue());
        List<String> exchanges = new ArrayList<>();
        fanouts.forEach(f -> exchanges.add(topology.fanoutExchange(f)));
        exchanges.addAll(List.of(topology.topicExchange(), topology.deadLetterExchange(), topology.replyExchange()));
        for (String queue : queues) {
            quietly(() -> admin().queueDelete(queue));
        }
        for (String exchange : exchanges) {
            quietly(() -> admin().exchangeDelete(exchange));
        }
        if (admin != null) {
            admin.close();
        }
    }

    private interface BrokerAction {
        void run() throws Exception;
    }

    /** Some brokers (Qpid) close the channel when deleting what does not exist; clean-up goes on. */
    private static void quietly(BrokerAction action) {
        try {
            action.run();
        } catch (Exception ignored) {
            // not there
        }
    }
}
