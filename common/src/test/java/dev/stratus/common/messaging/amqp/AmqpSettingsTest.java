package dev.stratus.common.messaging.amqp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AmqpSettingsTest {

    @Test
    void backoffDoublesUpToItsCap() {
        ConnectBackoff backoff = new ConnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(100, backoff.getDelay(0));
        assertEquals(200, backoff.getDelay(1));
        assertEquals(800, backoff.getDelay(3));
        assertEquals(1000, backoff.getDelay(4));
        assertEquals(1000, backoff.getDelay(1000));
    }

    @Test
    void settingsRejectNonsenseAndHideThePassword() {
        assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder().prefetch(0).build());
        assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder().exchange(" ").build());
        assertThrows(IllegalArgumentException.class, () -> Topology.requireTopic("compute.*"));
        String printed = AmqpSettings.builder().password("s3cret").build().toString();
        assertFalse(printed.contains("s3cret"), printed);
    }
}
