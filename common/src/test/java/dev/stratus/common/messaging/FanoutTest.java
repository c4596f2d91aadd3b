package dev.stratus.common.messaging;

import dev.stratus.common.messaging.TestMessages.Revocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FanoutTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void everySubscriberGetsEveryBroadcast() throws Exception {
        String fanout = broker.fanout("identity.revocations");
        // Two instances of a service, i.e. two processes with their own connections.
        Messaging computeApi1 = broker.messaging("compute-api-1");
        Messaging computeApi2 = broker.messaging("compute-api-2");
        List<String> seen1 = new CopyOnWriteArrayList<>();
        List<String> seen2 = new CopyOnWriteArrayList<>();
        computeApi1.subscribeBroadcast(fanout, Revocation.TYPE, MessageHandler.blocking((r, ctx) -> seen1.add(r.auditId())));
        computeApi2.subscribeBroadcast(fanout, Revocation.TYPE, MessageHandler.blocking((r, ctx) -> seen2.add(r.auditId())));
        computeApi1.start();
        computeApi2.start();
        await(computeApi1.ready());
        await(computeApi2.ready());

        Messaging identity = broker.messaging("identity");
        identity.start();
        for (int i = 0; i < 20; i++) {
            await(identity.broadcast(fanout, Revocation.TYPE, new Revocation("audit-" + i)));
        }

        Set<String> expected = IntStream.range(0, 20).mapToObj(i -> "audit-" + i).collect(Collectors.toSet());
        eventually(Duration.ofSeconds(10), "both subscribers got all 20", () -> seen1.size() >= 20 && seen2.size() >= 20);
        Thread.sleep(100);
        assertEquals(20, seen1.size());
        assertEquals(20, seen2.size());
        assertEquals(expected, Set.copyOf(seen1));
        assertEquals(expected, Set.copyOf(seen2));

        // Each process has its own exclusive, broker-named queue on the fanout exchange.
        String q1 = computeApi1.consumedQueues().get("broadcast:" + fanout);
        String q2 = computeApi2.consumedQueues().get("broadcast:" + fanout);
        assertTrue(q1.startsWith("amq.gen-") && q2.startsWith("amq.gen-"), q1 + " " + q2);
        assertNotEquals(q1, q2);
    }
}
