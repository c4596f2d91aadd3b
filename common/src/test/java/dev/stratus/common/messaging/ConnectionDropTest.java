package dev.stratus.common.messaging;

import dev.stratus.common.messaging.TestMessages.Numbered;
import dev.stratus.common.messaging.TestMessages.PowerState;
import dev.stratus.common.messaging.TestMessages.PowerStateQuery;
import dev.stratus.common.messaging.TestMessages.Revocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections closed from the broker side (as on a network failure or a node kick) recover by themselves. */
class ConnectionDropTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void recoversAndLosesNothingWhenTheBrokerClosesOurConnections() throws Exception {
        String topic = broker.topic("scheduler");
        String rpcTopic = broker.topic("compute.host1");
        String fanout = broker.fanout("identity.revocations");

        Messaging server = broker.messaging("server");
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger handlerRuns = new AtomicInteger();
        List<String> revocations = new CopyOnWriteArrayList<>();
        server.subscribe(topic, Numbered.TYPE, MessageHandler.blocking((n, ctx) -> {
            handlerRuns.incrementAndGet();
            received.add(n.n());
        }));
        server.serve(rpcTopic, PowerStateQuery.TYPE, PowerState.TYPE,
                RpcHandler.blocking((q, ctx) -> new PowerState(q.instanceId(), "running")));
        server.subscribeBroadcast(fanout, Revocation.TYPE, MessageHandler.blocking((r, ctx) -> revocations.add(r.auditId())));
        server.start();
        await(server.ready());

        Messaging client = broker.messaging("client");
        client.start();
        assertEquals("running", await(client.call(rpcTopic, PowerStateQuery.TYPE, new PowerStateQuery("i-1"), PowerState.TYPE)).state());
        String replyQueueBefore = client.replyQueue();
        String broadcastQueueBefore = server.consumedQueues().get("broadcast:" + fanout);

        // Cast continuously; drop every connection of this test from the broker side in the middle.
        AtomicBoolean dropped = new AtomicBoolean();
        List<CompletableFuture<Void>> casts = new CopyOnWriteArrayList<>();
        Thread publisher = Thread.ofPlatform().start(() -> {
            int afterDrop = 0;
            for (int i = 0; afterDrop < 150; i++) {
                casts.add(client.cast(topic, Numbered.TYPE, new Numbered(i)));
                if (dropped.get()) {
                    afterDrop++;
                }
                sleep(2);
            }
        });
        eventually(Duration.ofSeconds(10), "100 casts sent", () -> casts.size() >= 100);
        int closed = Rabbitmqctl.closeConnections(broker.connectionPrefix, "stratus test: simulated failure");
        dropped.set(true);
        assertEquals(2, closed, "the server's and the client's connection");
        publisher.join(30_000);

        int total = casts.size();
        await(CompletableFuture.allOf(casts.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
        eventually(Duration.ofSeconds(20), "all " + total + " casts consumed", () -> received.size() == total);
        assertEquals(total, received.size());
        assertTrue(received.containsAll(java.util.stream.IntStream.range(0, total).boxed().toList()));

        // A call after recovery works, through a reply queue the broker named anew.
        eventually(Duration.ofSeconds(10), "client reconnected", client::isConnected);
        assertEquals("running", await(client.call(rpcTopic, PowerStateQuery.TYPE, new PowerStateQuery("i-2"), PowerState.TYPE)).state());
        assertNotEquals(replyQueueBefore, client.replyQueue(), "server-named reply queue re-declared");

        // The broadcast subscriber is back on a new exclusive queue and still receives.
        String broadcastQueueAfter = server.consumedQueues().get("broadcast:" + fanout);
        assertNotEquals(broadcastQueueBefore, broadcastQueueAfter);
        await(client.broadcast(fanout, Revocation.TYPE, new Revocation("after-recovery")));
        eventually(Duration.ofSeconds(10), "broadcast after recovery", () -> revocations.contains("after-recovery"));

        System.out.printf("[measure] connection drop: %d casts sent around the drop, all %d consumed, %d handler "
                + "runs; reply queue %s -> %s%n", total, received.size(), handlerRuns.get(), replyQueueBefore,
                client.replyQueue());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
