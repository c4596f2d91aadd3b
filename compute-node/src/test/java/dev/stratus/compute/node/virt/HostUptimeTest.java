package dev.stratus.compute.node.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class HostUptimeTest {

    @Test
    void formatsAsTheUptimeCommand() {
        assertEquals(" 22:40:01 up 3 days,  4:05,  0 users,  load average: 0.23, 0.21, 0.16",
                HostUptime.format(LocalTime.of(22, 40, 1), Duration.ofDays(3).plusHours(4).plusMinutes(5), 0.23,
                        0.21, 0.16));
        assertEquals(" 08:00:00 up 7 min,  0 users,  load average: 0.00, 0.00, 0.00",
                HostUptime.format(LocalTime.of(8, 0), Duration.ofMinutes(7), 0, 0, 0));
        assertEquals(" 08:00:00 up 1 day, 12:00,  0 users,  load average: 1.50, 1.00, 0.50",
                HostUptime.format(LocalTime.of(8, 0), Duration.ofHours(36), 1.5, 1, 0.5));
    }

    @Test
    void thisHostHasOne() {
        String line = HostUptime.ofThisHost();
        assertTrue(line != null && line.contains(" up ") && line.contains("load average:"), line);
    }
}
