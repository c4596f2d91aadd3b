package dev.stratus.compute.node.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The benchmark's messaging: the test broker (the machine's RabbitMQ when it answers, else an embedded
 * one) on an exchange of the run's own, so no running cloud receives anything; plays compute-api by
 * consuming the conductor topic. {@link #close} deletes the run's queues and exchanges again.
 */
final class BenchBroker implements AutoCloseable {

    final TestBroker broker;

    final Messaging messaging;

    private final String exchange = "stratus-bench-" + UUID.randomUUID().toString().substring(0, 8);

    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

    private record Waiter(Predicate<InstanceStateReport> matching, CompletableFuture<InstanceStateReport> done) {
    }

    BenchBroker() {
        broker = TestBrokers.ensure();
        messaging = new Messaging(AmqpSettings.builder().host(broker.host()).port(broker.port())
                .username(broker.user()).password(broker.password()).exchange(exchange)
                .connectionName("stratus-node-bench").publishTimeout(Duration.ofSeconds(30)).build());
        messaging.subscribe(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE,
                MessageHandler.blocking((report, ctx) -> arrived(report)));
    }

    void start() throws Exception {
        messaging.start();
        messaging.ready().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Completes with the first report about the instance that matches, from now on. */
    CompletableFuture<InstanceStateReport> next(String instanceId, Predicate<InstanceStateReport> matching) {
        CompletableFuture<InstanceStateReport> done = new CompletableFuture<>();
        // compute: atomic with the removal in arrived, so no waiter is added to a list already dropped
        waiters.compute(instanceId, (id, list) -> {
            List<Waiter> all = list == null ? new ArrayList<>() : list;
            all.add(new Waiter(matching, done));
            return all;
        });
        return done;
    }

    private void arrived(InstanceStateReport report) {
        List<Waiter> matched = new ArrayList<>();
        waiters.computeIfPresent(report.instanceId(), (id, list) -> {
            list.removeIf(w -> w.matching().test(report) && matched.add(w));
            return list.isEmpty() ? null : list;
        });
        matched.forEach(w -> w.done().complete(report));
    }

    String exchange() {
        return exchange;
    }

    @Override
    public void close() {
        List<String> queues = List.copyOf(messaging.consumedQueues().values());
        messaging.close(Duration.ofSeconds(5));
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(broker.amqpUri());
            try (Connection connection = factory.newConnection("stratus-node-bench-cleanup")) {
                for (String queue : queues) {
                    deleteQuietly(connection, ch -> ch.queueDelete(queue));
                }
                var topology = messaging.topology();
                for (String queue : List.of(topology.deadLetterQueue(), topology.topicQueue(ComputeTopics.SCHEDULER))) {
                    deleteQuietly(connection, ch -> ch.queueDelete(queue));
                }
                for (String name : List.of(topology.topicExchange(), topology.deadLetterExchange(),
                        topology.replyExchange(), topology.fanoutExchange(ComputeTopics.SERVICES_FANOUT))) {
                    deleteQuietly(connection, ch -> ch.exchangeDelete(name));
                }
            }
        } catch (Exception e) {
            System.err.println("could not remove the benchmark's queues on " + broker + ": " + e);
        }
    }

    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws Exception;
    }

    /** One channel per call: a failed delete (nothing of that name) closes its channel. */
    private static void deleteQuietly(Connection connection, ChannelCall call) {
        try (Channel channel = connection.createChannel()) {
            call.run(channel);
        } catch (Exception e) {
            // not there: nothing to remove
        }
    }
}
