package dev.stratus.common.messaging;

import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.TestMessages.DeleteRequest;
import dev.stratus.common.messaging.amqp.QueueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void castsAreDispatchedByMessageNameAndAcknowledged() throws Exception {
        String topic = broker.topic("compute.host1");
        Messaging node = broker.messaging("node");
        List<BuildRequest> builds = new CopyOnWriteArrayList<>();
        List<String> buildRequestIds = new CopyOnWriteArrayList<>();
        List<DeleteRequest> deletes = new CopyOnWriteArrayList<>();
        node.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((request, ctx) -> {
            builds.add(request);
            buildRequestIds.add(ctx.requestId());
        }));
        node.subscribe(topic, DeleteRequest.TYPE, (request, ctx) -> {
            deletes.add(request);
            return java.util.concurrent.CompletableFuture.completedFuture(null); // async style
        });
        node.start();
        await(node.ready());

        Messaging api = broker.messaging("api");
        api.start();
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-1", "m1.small"), "req-abc"));
        await(api.cast(topic, DeleteRequest.TYPE, new DeleteRequest("i-0")));
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-2", "m1.large"), "req-def"));

        eventually(Duration.ofSeconds(10), "3 casts handled", () -> builds.size() == 2 && deletes.size() == 1);
        assertEquals(List.of(new BuildRequest("i-1", "m1.small"), new BuildRequest("i-2", "m1.large")),
                builds.stream().sorted(java.util.Comparator.comparing(BuildRequest::instanceId)).toList());
        assertEquals(new DeleteRequest("i-0"), deletes.getFirst());
        assertTrue(buildRequestIds.containsAll(List.of("req-abc", "req-def")), buildRequestIds.toString());

        // Acknowledged, not merely delivered: once the consumer is gone nothing comes back to the queue.
        node.close(Duration.ofSeconds(2));
        assertEquals(0, broker.ready(broker.topology.topicQueue(topic)));
        assertTrue(broker.deadLetters().isEmpty());
    }

    @Test
    void castIsPersistentConfirmedAndKeptUntilAConsumerComes() throws Exception {
        String topic = broker.topic("scheduler");
        Messaging api = broker.messaging("api");
        api.start();

        // No consumer exists yet: the publisher declares the topic's durable queue itself.
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-9", "m1.xlarge"), "req-persist"));
        assertEquals(0, api.outstandingPublishes(), "the future completes only on the broker's confirm");

        String queue = broker.topology.topicQueue(topic);
        assertEquals(1, broker.ready(queue));
        GetResponse got = broker.drain(queue).getFirst();
        assertEquals(2, got.getProps().getDeliveryMode(), "persistent");
        assertEquals("application/json", got.getProps().getContentType());
        assertEquals("build_instance", got.getProps().getType());
        assertEquals("req-persist", got.getProps().getHeaders().get(RequestIds.HEADER).toString());
        Envelope envelope = api.codec().decode(got.getBody());
        assertEquals(got.getProps().getMessageId(), envelope.messageId());
        assertEquals(new BuildRequest("i-9", "m1.xlarge"), api.codec().payload(envelope, BuildRequest.class));

        // The queue is durable: redeclaring it as transient is refused by the broker.
        IOException refused = assertThrows(IOException.class,
                () -> broker.admin().queueDeclare(queue, false, false, false, Map.of()));
        assertTrue(String.valueOf(refused.getCause()).contains("PRECONDITION_FAILED"), String.valueOf(refused.getCause()));
    }

    @Test
    void anExactRedeliveryIsHandledOnce() throws Exception {
        String topic = broker.topic("conductor");
        Messaging conductor = broker.messaging("conductor");
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        conductor.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((request, ctx) ->
                handled.computeIfAbsent(ctx.messageId(), id -> new AtomicInteger()).incrementAndGet()));
        conductor.start();
        await(conductor.ready());

        Messaging api = broker.messaging("api");
        api.start();
        Envelope once = api.codec().wrap(BuildRequest.TYPE, new BuildRequest("i-5", "m1.small"), "req-dup");
        await(api.cast(topic, once));
        await(api.cast(topic, once)); // what a republish after a lost confirm looks like
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-6", "m1.small")));

        eventually(Duration.ofSeconds(10), "two distinct messages handled", () -> handled.size() == 2);
        Thread.sleep(200); // give a wrongly handled duplicate the time to show up
        assertEquals(1, handled.get(once.messageId()).get());
        conductor.close(Duration.ofSeconds(2));
        assertEquals(0, broker.ready(broker.topology.topicQueue(topic)), "the duplicate was acknowledged too");
    }

    @Test
    void quorumQueuesWhenConfigured() throws Exception {
        String topic = broker.topic("scheduler");
        Messaging scheduler = broker.messaging(broker.settings("scheduler").queueType(QueueType.QUORUM).build());
        List<BuildRequest> handled = new CopyOnWriteArrayList<>();
        scheduler.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((r, ctx) -> handled.add(r)));
        scheduler.start();
        await(scheduler.ready());
        Messaging api = broker.messaging(broker.settings("api").queueType(QueueType.QUORUM).build());
        api.start();
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-q", "m1.small")));
        eventually(Duration.ofSeconds(10), "handled through a quorum queue", () -> handled.size() == 1);

        // The broker holds it as a quorum queue: declaring it as a classic one is refused.
        IOException refused = assertThrows(IOException.class, () -> broker.admin()
                .queueDeclare(broker.topology.topicQueue(topic), true, false, false, Map.of("x-queue-type", "classic")));
        assertTrue(String.valueOf(refused.getCause()).contains("x-queue-type"), String.valueOf(refused.getCause()));
    }
}
