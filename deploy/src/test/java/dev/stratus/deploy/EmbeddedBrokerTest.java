package dev.stratus.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import dev.stratus.deploy.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Qpid broker as RabbitMQ's Java client sees it. */
class EmbeddedBrokerTest {

    @TempDir
    static Path sharedWorkDirectory;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        int port = FreePorts.pick();
        broker = EmbeddedBroker.start(BrokerSettings.of(port, sharedWorkDirectory));
        System.out.printf("[timing] embedded Qpid broker (DERBY store) first start: %d ms%n",
                broker.startupTime().toMillis());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void persistentMessageOnDurableQueueWithConfirmAndManualAck() throws Exception {
        String queue = "durable-" + UUID.randomUUID();
        try (Connection connection = AmqpClients.connect(broker); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "boot vm-1".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);

            GetResponse delivery = channel.basicGet(queue, false);
            assertNotNull(delivery, "message delivered");
            assertEquals("boot vm-1", new String(delivery.getBody(), UTF_8));
            assertEquals(2, delivery.getProps().getDeliveryMode(), "still persistent");
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);

            assertNull(channel.basicGet(queue, false), "acked message is gone");
            channel.queueDelete(queue);
        }
    }

    @Test
    void nackWithRequeueRedelivers() throws Exception {
        String queue = "requeue-" + UUID.randomUUID();
        try (Connection connection = AmqpClients.connect(broker); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, true, null);
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, "retry me".getBytes(UTF_8));

            GetResponse first = awaitMessage(channel, queue, false);
            assertFalse(first.getEnvelope().isRedeliver());
            channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);

            GetResponse second = awaitMessage(channel, queue, false);
            assertTrue(second.getEnvelope().isRedeliver(), "redelivered after nack/requeue");
            assertEquals("retry me", new String(second.getBody(), UTF_8));
            channel.basicAck(second.getEnvelope().getDeliveryTag(), false);
        }
    }

    @Test
    void topicExchangeRoutesByPattern() throws Exception {
        String exchange = "stratus.test.topic." + UUID.randomUUID();
        try (Connection connection = AmqpClients.connect(broker); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            String computeQueue = channel.queueDeclare().getQueue();
            channel.queueBind(computeQueue, exchange, "compute.*");

            channel.basicPublish(exchange, "compute.host-1", null, "for compute".getBytes(UTF_8));
            channel.basicPublish(exchange, "network.host-1", null, "for network".getBytes(UTF_8));

            assertEquals("for compute", new String(awaitMessage(channel, computeQueue, true).getBody(), UTF_8));
            assertNull(channel.basicGet(computeQueue, true), "network.* was not routed to compute.*");
            channel.exchangeDelete(exchange);
        }
    }

    @Test
    void fanoutExchangeReachesEveryBoundQueue() throws Exception {
        String exchange = "stratus.test.fanout." + UUID.randomUUID();
        try (Connection connection = AmqpClients.connect(broker); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, true, null);
            String first = channel.queueDeclare().getQueue();
            String second = channel.queueDeclare().getQueue();
            channel.queueBind(first, exchange, "");
            channel.queueBind(second, exchange, "");

            channel.basicPublish(exchange, "", null, "token revoked".getBytes(UTF_8));

            assertEquals("token revoked", new String(awaitMessage(channel, first, true).getBody(), UTF_8));
            assertEquals("token revoked", new String(awaitMessage(channel, second, true).getBody(), UTF_8));
        }
    }

    @Test
    void rpcRoundTripThroughServerNamedExclusiveReplyQueue() throws Exception {
        String requestQueue = "rpc-" + UUID.randomUUID();
        try (Connection connection = AmqpClients.connect(broker);
             Channel server = connection.createChannel();
             Channel client = connection.createChannel()) {
            server.queueDeclare(requestQueue, false, false, true, null);
            server.basicConsume(requestQueue, false, (tag, request) -> {
                AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                        .correlationId(request.getProperties().getCorrelationId()).build();
                String answer = "pong:" + new String(request.getBody(), UTF_8);
                server.basicPublish("", request.getProperties().getReplyTo(), reply, answer.getBytes(UTF_8));
                server.basicAck(request.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });

            AMQP.Queue.DeclareOk replyQueue = client.queueDeclare(); // server-named, exclusive, auto-delete
            assertFalse(replyQueue.getQueue().isEmpty(), "server named the queue");
            BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);
            String correlationId = UUID.randomUUID().toString();
            client.basicConsume(replyQueue.getQueue(), true, (tag, reply) -> {
                if (correlationId.equals(reply.getProperties().getCorrelationId())) {
                    replies.add(new String(reply.getBody(), UTF_8));
                }
            }, tag -> { });

            long begin = System.nanoTime();
            AMQP.BasicProperties request = new AMQP.BasicProperties.Builder()
                    .correlationId(correlationId).replyTo(replyQueue.getQueue()).build();
            client.basicPublish("", requestQueue, request, "ping".getBytes(UTF_8));
            String answer = replies.poll(10, TimeUnit.SECONDS);
            System.out.printf("[timing] embedded broker RPC round trip (first call): %.2f ms%n",
                    (System.nanoTime() - begin) / 1e6);
            assertEquals("pong:ping", answer);
        }
    }

    @Test
    void rabbitMqQueueArgumentsAreAcceptedAndIgnored() throws Exception {
        String queue = "quorum-" + UUID.randomUUID();
        Map<String, Object> arguments = Map.of("x-queue-type", "quorum", "x-message-ttl", 60_000,
                "x-dead-letter-exchange", "dlx", "x-max-length", 1000);
        try (Connection connection = AmqpClients.connect(broker); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, arguments);
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "still works".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
            assertEquals("still works", new String(awaitMessage(channel, queue, true).getBody(), UTF_8));
            channel.queueDelete(queue);
        }
    }

    @Test
    void rabbitMqDirectReplyToDoesNotExist() throws Exception {
        try (Connection connection = AmqpClients.connect(broker)) {
            Channel channel = connection.createChannel();
            IOException refused = assertThrows(IOException.class,
                    () -> channel.basicConsume("amq.rabbitmq.reply-to", true, (tag, delivery) -> { }, tag -> { }));
            assertTrue(String.valueOf(refused.getCause()).contains("reply-code=404"), String.valueOf(refused.getCause()));
        }
    }

    @Test
    void rejectsWrongPassword() {
        PossibleAuthenticationFailureException refused = assertThrows(PossibleAuthenticationFailureException.class,
                () -> AmqpClients.connect(broker.host(), broker.port(), broker.user(), "wrong").close());
        assertTrue(String.valueOf(refused.getCause()).contains("reply-code=530"), String.valueOf(refused.getCause()));
    }

    @Test
    void refusesAPortThatIsInUse(@TempDir Path workDirectory) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedBroker.start(BrokerSettings.of(broker.port(), workDirectory)));
        assertTrue(refused.getMessage().contains("already in use"), refused.getMessage());
    }

    @Test
    void persistentMessageSurvivesRestart(@TempDir Path workDirectory) throws Exception {
        String queue = "survivor";
        String exchange = "stratus.test.durable";
        BrokerSettings settings = BrokerSettings.of(FreePorts.pick(), workDirectory);
        try (EmbeddedBroker first = EmbeddedBroker.start(settings);
             Connection connection = AmqpClients.connect(first);
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, "instance.#");
            channel.confirmSelect();
            channel.basicPublish(exchange, "instance.created", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "instance 42 created".getBytes(UTF_8));
            channel.basicPublish("", queue, MessageProperties.TEXT_PLAIN, "transient".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }

        // a new port too: only the work directory carries state over
        try (EmbeddedBroker second = EmbeddedBroker.start(settings.withPort(FreePorts.pick()))) {
            System.out.printf("[timing] embedded Qpid broker (DERBY store) restart on existing store: %d ms%n",
                    second.startupTime().toMillis());
            try (Connection connection = AmqpClients.connect(second); Channel channel = connection.createChannel()) {
                GetResponse survivor = channel.basicGet(queue, false);
                assertNotNull(survivor, "persistent message survived the restart");
                assertEquals("instance 42 created", new String(survivor.getBody(), UTF_8));
                channel.basicAck(survivor.getEnvelope().getDeliveryTag(), false);
                assertNull(channel.basicGet(queue, true), "the non-persistent message did not survive");

                // the durable exchange and binding came back too
                channel.confirmSelect();
                channel.basicPublish(exchange, "instance.deleted", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        "instance 42 deleted".getBytes(UTF_8));
                channel.waitForConfirmsOrDie(5_000);
                assertEquals("instance 42 deleted", new String(awaitMessage(channel, queue, true).getBody(), UTF_8));
            }
        }
    }

    /** Polls with basicGet; ack-mode explicit so that manual-ack tests can ack or nack what they get. */
    private static GetResponse awaitMessage(Channel channel, String queue, boolean autoAck) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, autoAck);
            if (response != null) {
                return response;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message on " + queue + " within 10 s");
    }
}
