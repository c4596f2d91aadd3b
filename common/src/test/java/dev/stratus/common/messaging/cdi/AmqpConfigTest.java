package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.common.messaging.amqp.QueueType;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code stratus.amqp.*} keys as Quarkus reads them (same mapping, same duration syntax). */
class AmqpConfigTest {

    private static AmqpConfig read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(AmqpConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(AmqpConfig.class);
    }

    @Test
    void defaultsAreALocalBrokerWithClassicQueues() {
        AmqpSettings settings = read(Map.of()).toSettings("scheduler@host1");
        assertEquals(AmqpSettings.defaults().toBuilder().connectionName("scheduler@host1").build(), settings);
        assertEquals("127.0.0.1", settings.host());
        assertEquals(5672, settings.port());
        assertEquals("stratus", settings.exchange());
        assertEquals(QueueType.CLASSIC, settings.queueType());
        assertEquals(16, settings.prefetch());
        assertEquals(Duration.ofSeconds(30), settings.callTimeout());
        assertTrue(read(Map.of()).enabled());
    }

    @Test
    void everyKeyCanBeSet() {
        AmqpConfig config = read(Map.ofEntries(
                Map.entry("stratus.amqp.enabled", "false"),
                Map.entry("stratus.amqp.host", "rabbit.internal"),
                Map.entry("stratus.amqp.port", "5673"),
                Map.entry("stratus.amqp.username", "nova"),
                Map.entry("stratus.amqp.password", "secret"),
                Map.entry("stratus.amqp.virtual-host", "cloud"),
                Map.entry("stratus.amqp.exchange", "region1"),
                Map.entry("stratus.amqp.queue-type", "quorum"),
                Map.entry("stratus.amqp.prefetch", "4"),
                Map.entry("stratus.amqp.call-timeout", "45s"),
                Map.entry("stratus.amqp.publish-confirm-timeout", "10s"),
                Map.entry("stratus.amqp.connect-retry.initial", "250ms"),
                Map.entry("stratus.amqp.connect-retry.max", "1m"),
                Map.entry("stratus.amqp.heartbeat", "20s"),
                Map.entry("stratus.amqp.recent-message-ids", "100"),
                Map.entry("stratus.amqp.connection-name", "scheduler-a"),
                Map.entry("stratus.amqp.shutdown-grace", "3s")));
        AmqpSettings s = config.toSettings("ignored");

        assertEquals(false, config.enabled());
        assertEquals(Duration.ofSeconds(3), config.shutdownGrace());
        assertEquals(new AmqpSettings("rabbit.internal", 5673, "nova", "secret", "cloud", "region1", QueueType.QUORUM, 4,
                Duration.ofSeconds(45), Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofMinutes(1),
                Duration.ofSeconds(20), 100, "scheduler-a"), s);
    }
}
