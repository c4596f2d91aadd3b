package dev.stratus.common.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.TestMessages.Revocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker that refuses a message (nack) gets it again, a little later, a bounded number of times. */
class PublisherConfirmTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    /** A queue that holds one message and makes the broker nack any publish beyond that. */
    private String fullQueueOn(String fanout) throws Exception {
        Channel admin = broker.admin();
        broker.topology.declareFanoutExchange(admin, fanout);
        String queue = admin.queueDeclare("", false, true, true,
                Map.of("x-max-length", 1, "x-overflow", "reject-publish")).getQueue();
        admin.queueBind(queue, broker.topology.fanoutExchange(fanout), "");
        return queue;
    }

    @Test
    void aNackedMessageIsPublishedAgainUntilTheBrokerTakesIt() throws Exception {
        String fanout = broker.fanout("compute");
        String queue = fullQueueOn(fanout);
        Messaging api = broker.messaging("api");
        api.start();

        await(api.broadcast(fanout, Revocation.TYPE, new Revocation("first")));
        CompletableFuture<Void> second = api.broadcast(fanout, Revocation.TYPE, new Revocation("second"));
        Thread.sleep(150); // nacked at least once by now: the queue is full
        assertFalse(second.isDone(), "not confirmed while the broker refuses it");

        GetResponse first = broker.admin().basicGet(queue, true); // make room
        assertTrue(new String(first.getBody()).contains("first"));
        await(second, Duration.ofSeconds(5));
        GetResponse republished = broker.admin().basicGet(queue, true);
        assertTrue(new String(republished.getBody()).contains("second"));
    }

    @Test
    void aMessageTheBrokerKeepsRefusingFailsClearly() throws Exception {
        String fanout = broker.fanout("compute");
        fullQueueOn(fanout);
        Messaging api = broker.messaging("api");
        api.start();
        await(api.broadcast(fanout, Revocation.TYPE, new Revocation("fills the queue")));

        MessagingException refused = assertThrows(MessagingException.class,
                () -> await(api.broadcast(fanout, Revocation.TYPE, new Revocation("never fits")), Duration.ofSeconds(10)));
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        assertEquals(0, api.outstandingPublishes());
    }
}
