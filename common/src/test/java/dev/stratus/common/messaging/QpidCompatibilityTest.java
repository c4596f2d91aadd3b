package dev.stratus.common.messaging;

import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.TestMessages.BuildRequestV13;
import dev.stratus.common.messaging.TestMessages.BuildRequestV2;
import dev.stratus.common.messaging.TestMessages.Numbered;
import dev.stratus.common.messaging.TestMessages.PowerState;
import dev.stratus.common.messaging.TestMessages.PowerStateQuery;
import dev.stratus.common.messaging.TestMessages.Revocation;
import dev.stratus.common.messaging.amqp.AmqpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static dev.stratus.common.messaging.VersioningTest.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same API against Apache Qpid Broker-J: no direct reply-to, no x-dead-letter-exchange, no quorum
 * queues there, and unknown queue arguments are refused.
 */
class QpidCompatibilityTest {

    private static EmbeddedQpid qpid;
    private BrokerFixture broker;

    @BeforeAll
    static void startQpid() throws Exception {
        long start = System.nanoTime();
        qpid = EmbeddedQpid.start();
        System.out.printf("[measure] embedded Qpid Broker-J started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopQpid() throws Exception {
        if (qpid != null) {
            qpid.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private BrokerFixture broker() {
        broker = new BrokerFixture(qpid.port());
        return broker;
    }

    @Test
    void castsCallsAndTimeouts() throws Exception {
        BrokerFixture b = broker();
        String topic = b.topic("compute.host1");
        Messaging node = b.messaging("node");
        List<BuildRequest> builds = new CopyOnWriteArrayList<>();
        node.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((r, ctx) -> builds.add(r)));
        node.serve(topic, PowerStateQuery.TYPE, PowerState.TYPE, (q, ctx) -> "i-silent".equals(q.instanceId())
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(new PowerState(q.instanceId(), "running")));
        node.start();
        await(node.ready());
        Messaging api = b.messaging("api");
        api.start();

        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-1", "m1.small")));
        eventually(Duration.ofSeconds(10), "cast handled", () -> builds.size() == 1);
        for (int i = 0; i < 20; i++) {
            assertEquals(new PowerState("i-" + i, "running"),
                    await(api.call(topic, PowerStateQuery.TYPE, new PowerStateQuery("i-" + i), PowerState.TYPE)));
        }
        assertThrows(RpcTimeoutException.class, () -> await(api.call(topic, PowerStateQuery.TYPE,
                new PowerStateQuery("i-silent"), PowerState.TYPE, Duration.ofMillis(300), "req-q")));
        node.close(Duration.ofMillis(200));
        // Everything was acknowledged except the request its handler never finished: closing the consumer
        // gives it back to the queue (its deadline has passed, so the next server drops it unanswered).
        assertEquals(1, b.ready(b.topology.topicQueue(topic)));
    }

    @Test
    void persistentConfirmedAndKeptForALateConsumer() throws Exception {
        BrokerFixture b = broker();
        String topic = b.topic("scheduler");
        Messaging api = b.messaging("api");
        api.start();
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-7", "m1.small"), "req-qpid"));
        GetResponse got = b.drain(b.topology.topicQueue(topic)).getFirst();
        assertEquals(2, got.getProps().getDeliveryMode());
        assertEquals("req-qpid", header(got, RequestIds.HEADER));
    }

    @Test
    void broadcastsReachEverySubscriber() throws Exception {
        BrokerFixture b = broker();
        String fanout = b.fanout("identity.revocations");
        Messaging one = b.messaging("one");
        Messaging two = b.messaging("two");
        Set<String> seen1 = ConcurrentHashMap.newKeySet();
        Set<String> seen2 = ConcurrentHashMap.newKeySet();
        one.subscribeBroadcast(fanout, Revocation.TYPE, MessageHandler.blocking((r, ctx) -> seen1.add(r.auditId())));
        two.subscribeBroadcast(fanout, Revocation.TYPE, MessageHandler.blocking((r, ctx) -> seen2.add(r.auditId())));
        one.start();
        two.start();
        await(one.ready());
        await(two.ready());
        Messaging identity = b.messaging("identity");
        identity.start();
        for (int i = 0; i < 10; i++) {
            await(identity.broadcast(fanout, Revocation.TYPE, new Revocation("a-" + i)));
        }
        eventually(Duration.ofSeconds(10), "both got 10", () -> seen1.size() == 10 && seen2.size() == 10);
        assertNotEquals(one.consumedQueues().get("broadcast:" + fanout), two.consumedQueues().get("broadcast:" + fanout));
    }

    @Test
    void versionsAndFailuresEndInTheDeadLetterQueue() throws Exception {
        BrokerFixture b = broker();
        String topic = b.topic("conductor");
        Messaging conductor = b.messaging("conductor");
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Boolean> failingAttempts = new CopyOnWriteArrayList<>();
        conductor.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((r, ctx) -> {
            if (r.instanceId().equals("i-bad")) {
                failingAttempts.add(ctx.redelivered());
                throw new IllegalStateException("always fails");
            }
            handled.add(r.instanceId() + "@" + ctx.version());
        }));
        conductor.start();
        await(conductor.ready());
        Messaging api = b.messaging("api");
        api.start();
        await(api.cast(topic, BuildRequestV13.TYPE, new BuildRequestV13("i-13", "m1.small", "az")));
        await(api.cast(topic, BuildRequestV2.TYPE, new BuildRequestV2("i-2", 2)));
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-bad", "m1.small")));

        List<GetResponse> dead = new ArrayList<>();
        eventually(Duration.ofSeconds(10), "two dead letters", () -> {
            try {
                dead.addAll(b.deadLetters());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return dead.size() >= 2;
        });
        assertEquals(List.of("i-13@1.3"), handled);
        assertEquals(List.of(false, true), failingAttempts, "one retry, then dead-lettered");
        assertEquals(Set.of("unsupported_version", "handler_failed"),
                Set.of(header(dead.get(0), AmqpHeaders.DEAD_LETTER_REASON), header(dead.get(1), AmqpHeaders.DEAD_LETTER_REASON)));
    }

    @Test
    void recoversFromACutConnectionWithoutLoss() throws Exception {
        BrokerFixture b = broker();
        String topic = b.topic("scheduler");
        Messaging consumer = b.messaging("consumer");
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        consumer.subscribe(topic, Numbered.TYPE, MessageHandler.blocking((n, ctx) -> received.add(n.n())));
        consumer.serve(topic, PowerStateQuery.TYPE, PowerState.TYPE,
                RpcHandler.blocking((q, ctx) -> new PowerState(q.instanceId(), "running")));
        consumer.start();
        await(consumer.ready());
        try (TcpProxy proxy = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", qpid.port())) {
            proxy.start();
            Messaging publisher = b.messaging(b.settings("publisher").port(proxy.port()).build());
            publisher.start();
            await(publisher.call(topic, PowerStateQuery.TYPE, new PowerStateQuery("i-0"), PowerState.TYPE));
            String replyQueueBefore = publisher.replyQueue();

            List<CompletableFuture<Void>> casts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                casts.add(publisher.cast(topic, Numbered.TYPE, new Numbered(i)));
                if (i == 150) {
                    proxy.cutConnections();
                }
            }
            await(CompletableFuture.allOf(casts.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
            eventually(Duration.ofSeconds(20), "all 300 consumed", () -> received.size() == 300);
            eventually(Duration.ofSeconds(10), "reconnected", publisher::isConnected);
            assertEquals("running", await(publisher.call(topic, PowerStateQuery.TYPE, new PowerStateQuery("i-1"),
                    PowerState.TYPE)).state());
            assertNotEquals(replyQueueBefore, publisher.replyQueue());
            assertTrue(publisher.replyQueue() != null);
        }
    }
}
