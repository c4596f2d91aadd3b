package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.spec;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComputeFilterTest {

    private final ComputeFilter filter = new ComputeFilter(new PlainSchedulerConfig().downTime(Duration.ofSeconds(60)));
    private final SelectionContext ctx = context(spec(TestFleet.flavor(1, 512, 1)));

    @Test
    void upAndEnabledPasses() {
        assertNull(filter.reject(up("h1", 4, 4096, 40), ctx));
    }

    @Test
    void disabledIsRejected() {
        HostState host = up("h1", 4, 4096, 40);
        host.status(true, "maintenance", false);
        assertEquals("compute service disabled", filter.reject(host, ctx));
        host.status(false, null, false);
        assertNull(filter.reject(host, ctx));
    }

    @Test
    void forcedDownIsRejectedDespiteFreshHeartbeat() {
        HostState host = up("h1", 4, 4096, 40);
        host.status(false, null, true);
        assertEquals("compute service down", filter.reject(host, ctx));
    }

    @Test
    void heartbeatOlderThanDownTimeIsDownAndAFreshOneBringsItBack() {
        HostState host = new HostState("h1");
        host.heartbeat(Instant.now().minusSeconds(61));
        assertEquals("compute service down", filter.reject(host, ctx));
        host.heartbeat(Instant.now());
        assertNull(filter.reject(host, ctx));
    }

    @Test
    void neverHeardFromIsDown() {
        assertEquals("compute service down", filter.reject(new HostState("h1"), ctx));
    }
}
