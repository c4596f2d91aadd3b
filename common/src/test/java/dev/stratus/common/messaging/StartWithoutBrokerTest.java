package dev.stratus.common.messaging;

import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.TestMessages.Numbered;
import dev.stratus.common.messaging.TestMessages.PowerState;
import dev.stratus.common.messaging.TestMessages.PowerStateQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service starts before its broker; and survives an abrupt network cut. */
class StartWithoutBrokerTest {

    private final BrokerFixture broker = new BrokerFixture();
    private TcpProxy proxy;

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void startsWithoutBrokerThenDeliversWhatWaitedOnceTheBrokerIsReachable() throws Exception {
        proxy = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", 5672); // nothing listens there yet
        String topic = broker.topic("scheduler");
        Messaging service = broker.messaging(broker.settings("early").port(proxy.port()).build());
        List<BuildRequest> handled = new CopyOnWriteArrayList<>();
        service.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((r, ctx) -> handled.add(r)));
        service.serve(broker.topic("compute.early"), PowerStateQuery.TYPE, PowerState.TYPE,
                RpcHandler.blocking((q, ctx) -> new PowerState(q.instanceId(), "running")));

        long start = System.nanoTime();
        service.start();
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "start() does not wait for the broker");
        CompletableFuture<Void> cast = service.cast(topic, BuildRequest.TYPE, new BuildRequest("i-1", "m1.small"));
        CompletableFuture<PowerState> call = service.call("compute.early", PowerStateQuery.TYPE,
                new PowerStateQuery("i-1"), PowerState.TYPE, Duration.ofSeconds(15), "req-early");
        Thread.sleep(700);
        assertFalse(service.isConnected());
        assertFalse(cast.isDone(), "the cast waits for a connection");

        proxy.start(); // the broker "comes up"
        await(cast);
        assertEquals("running", await(call).state());
        eventually(Duration.ofSeconds(10), "consumer attached and handled the waiting cast", () -> handled.size() == 1);
        assertTrue(service.isConnected());
    }

    @Test
    void aPublishGivesUpClearlyWhenNoBrokerComesInTime() throws Exception {
        int deadPort = TcpProxy.freePort();
        Messaging service = broker.messaging(broker.settings("lonely").port(deadPort)
                .publishTimeout(Duration.ofMillis(400)).build());
        service.start();
        PublishTimeoutException timeout = assertThrows(PublishTimeoutException.class,
                () -> await(service.cast("scheduler", BuildRequest.TYPE, new BuildRequest("i-1", "m1.small"))));
        assertTrue(timeout.getMessage().contains("was not sent"), timeout.getMessage());
        assertEquals(0, service.outstandingPublishes());
    }

    @Test
    void anAbruptNetworkCutIsRecoveredWithoutLoss() throws Exception {
        proxy = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", 5672);
        proxy.start();
        String topic = broker.topic("conductor");
        Messaging consumer = broker.messaging("consumer"); // direct: only the publisher's path is cut
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        consumer.subscribe(topic, Numbered.TYPE, MessageHandler.blocking((n, ctx) -> received.add(n.n())));
        consumer.start();
        await(consumer.ready());
        Messaging publisher = broker.messaging(broker.settings("cut").port(proxy.port()).build());
        publisher.start();
        await(publisher.connected());

        List<CompletableFuture<Void>> casts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 400; i++) {
            casts.add(publisher.cast(topic, Numbered.TYPE, new Numbered(i)));
            if (i == 200) {
                proxy.cutConnections();
            }
        }
        await(CompletableFuture.allOf(casts.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
        eventually(Duration.ofSeconds(20), "all 400 consumed", () -> received.size() == 400);
    }
}
