package dev.stratus.common.messaging;

import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.amqp.AmqpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static dev.stratus.common.messaging.VersioningTest.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureHandlingTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void aHandlerThatKeepsFailingGetsOneRetryThenTheMessageIsDeadLettered() throws Exception {
        String topic = broker.topic("compute.host1");
        Messaging node = broker.messaging("node");
        List<Boolean> attempts = new CopyOnWriteArrayList<>(); // the redelivered flag of each attempt
        node.subscribe(topic, BuildRequest.TYPE, (request, ctx) -> {
            attempts.add(ctx.redelivered());
            // an asynchronous failure, as a handler returning a failed stage reports it
            return CompletableFuture.failedFuture(new IllegalStateException("libvirt unreachable"));
        });
        node.start();
        await(node.ready());

        Messaging api = broker.messaging("api");
        api.start();
        Envelope build = api.codec().wrap(BuildRequest.TYPE, new BuildRequest("i-1", "m1.small"), "req-fail");
        await(api.cast(topic, build));

        List<GetResponse> dead = new ArrayList<>();
        eventually(Duration.ofSeconds(10), "dead-lettered after the retry", () -> {
            try {
                dead.addAll(broker.deadLetters());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !dead.isEmpty();
        });
        Thread.sleep(200); // a third attempt would show up now
        assertEquals(List.of(false, true), attempts, "first delivery, then exactly one redelivery");
        GetResponse letter = dead.getFirst();
        assertEquals(build.messageId(), letter.getProps().getMessageId());
        assertEquals("handler_failed", header(letter, AmqpHeaders.DEAD_LETTER_REASON));
        assertTrue(header(letter, AmqpHeaders.DEAD_LETTER_DETAIL).contains("libvirt unreachable"));
        assertEquals(2, letter.getProps().getDeliveryMode(), "dead letters are persistent");
        node.close(Duration.ofSeconds(2));
        assertEquals(0, broker.ready(broker.topology.topicQueue(topic)), "gone from the work queue");
    }

    @Test
    void aHandlerThatFailsOnceSucceedsOnTheRetry() throws Exception {
        String topic = broker.topic("compute.host2");
        Messaging node = broker.messaging("node");
        List<Boolean> attempts = new CopyOnWriteArrayList<>();
        List<BuildRequest> done = new CopyOnWriteArrayList<>();
        node.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((request, ctx) -> {
            attempts.add(ctx.redelivered());
            if (!ctx.redelivered()) {
                throw new IllegalStateException("transient glitch"); // thrown synchronously this time
            }
            done.add(request);
        }));
        node.start();
        await(node.ready());

        Messaging api = broker.messaging("api");
        api.start();
        await(api.cast(topic, BuildRequest.TYPE, new BuildRequest("i-2", "m1.small")));

        eventually(Duration.ofSeconds(10), "handled on the retry", () -> done.size() == 1);
        Thread.sleep(200);
        assertEquals(List.of(false, true), attempts);
        assertTrue(broker.deadLetters().isEmpty());
        node.close(Duration.ofSeconds(2));
        assertEquals(0, broker.ready(broker.topology.topicQueue(topic)));
    }
}
