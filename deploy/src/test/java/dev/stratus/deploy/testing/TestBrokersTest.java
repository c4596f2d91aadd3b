package dev.stratus.deploy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.stratus.deploy.EmbeddedBroker;
import org.junit.jupiter.api.Test;

class TestBrokersTest {

    @Test
    void ensureGivesAReachableBrokerOncePerJvm() throws Exception {
        TestBroker broker = TestBrokers.ensure();
        assertSame(broker, TestBrokers.ensure());
        System.out.println("[info] TestBrokers chose " + broker);
        roundTrip(broker);
    }

    @Test
    void unreachableOrForcedEmbeddedMeansNoExternalBroker() {
        TestSettings unreachable = new TestSettings(Map.of(TestBrokers.PORT, Integer.toString(FreePorts.pick()))::get);
        assertTrue(TestBrokers.external(unreachable).isEmpty());
        TestSettings forced = new TestSettings(Map.of(TestBrokers.EMBEDDED, "yes")::get);
        assertTrue(TestBrokers.external(forced).isEmpty());
    }

    @Test
    void embeddedFallbackWorksWithTheRabbitMqClient() throws Exception {
        EmbeddedBroker embedded = TestBrokers.startEmbedded();
        try {
            System.out.printf("[timing] TestBrokers embedded fallback start (memory store): %d ms%n",
                    embedded.startupTime().toMillis());
            assertNotEquals(5672, embedded.port());
            roundTrip(new TestBroker(embedded.host(), embedded.port(), embedded.user(), embedded.password(), true));
        } finally {
            embedded.close();
        }
    }

    @Test
    void uriAndQuarkusConfigPointAtTheBroker() {
        TestBroker broker = new TestBroker("127.0.0.1", 16000, "gu est", "p@ss", true);
        assertEquals("amqp://gu%20est:p%40ss@127.0.0.1:16000", broker.amqpUri());
        assertEquals("16000", broker.quarkusConfig().get("stratus.amqp.port"));
    }

    private static void roundTrip(TestBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.amqpUri());
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "hello".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
            GetResponse response = null;
            for (int i = 0; i < 100 && response == null; i++) {
                response = channel.basicGet(queue, false);
                if (response == null) {
                    Thread.sleep(20);
                }
            }
            assertNotNull(response);
            assertEquals("hello", new String(response.getBody(), UTF_8));
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
        }
    }
}
