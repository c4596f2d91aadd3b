package dev.stratus.common.messaging;

import dev.stratus.common.messaging.TestMessages.Numbered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarts the machine's RabbitMQ application (stop_app, start_app) while persistent messages are being
 * published. Tagged so it can be left out ({@code -DexcludedGroups=broker-restart}) where the broker is
 * shared with something that must not see it go away.
 */
@Tag("broker-restart")
class BrokerRestartTest {

    private static final int MESSAGES = 500;

    private BrokerFixture broker;

    @BeforeAll
    static void needsRabbitmqctl() {
        Rabbitmqctl.require(); // fails (does not skip) with a clear message when it is missing
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void noPersistentMessageIsLostAcrossABrokerRestart() throws Exception {
        broker = new BrokerFixture();
        String topic = broker.topic("compute.host1");
        Messaging node = broker.messaging(broker.settings("node").publishTimeout(Duration.ofSeconds(60)).build());
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger handlerRuns = new AtomicInteger();
        node.subscribe(topic, Numbered.TYPE, MessageHandler.blocking((n, ctx) -> {
            handlerRuns.incrementAndGet();
            received.add(n.n());
        }));
        node.start();
        await(node.ready());
        Messaging api = broker.messaging(broker.settings("api").publishTimeout(Duration.ofSeconds(60)).build());
        api.start();
        await(api.connected());

        List<CompletableFuture<Void>> casts = new CopyOnWriteArrayList<>();
        Thread publisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                casts.add(api.cast(topic, Numbered.TYPE, new Numbered(i)));
                if (i % 10 == 9) {
                    try {
                        // bursts of 10 (so some are unconfirmed when the broker stops), ~2 s of publishing
                        // before, during and after the restart
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        long restartMs;
        boolean stopped = false;
        try {
            eventually(Duration.ofSeconds(10), "100 casts sent", () -> casts.size() >= 100);
            long start = System.nanoTime();
            Rabbitmqctl.run("stop_app");
            stopped = true;
            int sentWhileDown = casts.size();
            Rabbitmqctl.run("start_app");
            stopped = false;
            restartMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("[measure] broker restart took %d ms; %d casts had been sent when it went down%n",
                    restartMs, sentWhileDown);
        } finally {
            if (stopped) {
                Rabbitmqctl.run("start_app"); // never leave the machine's broker stopped
            }
        }
        publisher.join(60_000);

        assertEquals(MESSAGES, casts.size());
        long confirmStart = System.nanoTime();
        await(CompletableFuture.allOf(casts.toArray(CompletableFuture[]::new)), Duration.ofSeconds(60));
        eventually(Duration.ofSeconds(60), "all " + MESSAGES + " consumed", () -> received.size() == MESSAGES);
        assertTrue(received.containsAll(IntStream.range(0, MESSAGES).boxed().toList()));
        System.out.printf("[measure] broker restart: all %d distinct messages consumed (%d handler runs) %d ms "
                + "after the broker was back%n", MESSAGES, handlerRuns.get(), (System.nanoTime() - confirmStart) / 1_000_000);
    }
}
