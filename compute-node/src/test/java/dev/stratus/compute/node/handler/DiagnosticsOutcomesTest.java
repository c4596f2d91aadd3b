package dev.stratus.compute.node.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.DiagnosticsResult.Outcome;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.TestInstances;
import dev.stratus.compute.node.fake.FakeDriverSettings;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link DiagnosticsHandler} answers for each thing a driver can do, without a broker. */
class DiagnosticsOutcomesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static GuestSpec guest(String name) {
        return new GuestSpec(TestInstances.instance(name, Map.of()), null, null, null, null, Map.of(), List.of());
    }

    @Test
    void aRunningGuestsUptimeCountsFromTheLaunchTheApiSends() throws Exception {
        FakeVirtDriver driver = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"));
        GuestSpec guest = guest("up");
        driver.spawn(guest);
        DiagnosticsResult result = new DiagnosticsHandler(driver, clock)
                .diagnose(new DiagnosticsRequest(guest.instanceId(), NOW.minusSeconds(46_664).minusMillis(900)));
        assertEquals(Outcome.REPORTED, result.outcome());
        assertEquals(46_664L, result.diagnostics().uptimeSeconds(), "whole seconds");
        assertEquals(0L, new DiagnosticsHandler(driver, clock).diagnose(
                new DiagnosticsRequest(guest.instanceId(), NOW.plusSeconds(5))).diagnostics().uptimeSeconds(),
                "a launch ahead of this host's clock is no negative uptime");
    }

    @Test
    void aPausedGuestIsNotRunning() throws Exception {
        FakeVirtDriver driver = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"));
        GuestSpec guest = guest("paused");
        driver.spawn(guest);
        driver.pause(guest.instanceId());
        DiagnosticsResult result = new DiagnosticsHandler(driver, clock)
                .diagnose(new DiagnosticsRequest(guest.instanceId(), NOW));
        assertEquals(Outcome.NOT_RUNNING, result.outcome());
        assertEquals("paused", result.powerState());
    }

    @Test
    void aDriverWithoutDiagnosticsSaysItCannot() {
        VirtDriver bare = (VirtDriver) Proxy.newProxyInstance(VirtDriver.class.getClassLoader(),
                new Class<?>[] {VirtDriver.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "bare";
                    case "powerState" -> PowerState.RUNNING;
                    case "diagnostics" -> InvocationHandler.invokeDefault(proxy, method, args);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        DiagnosticsResult result = new DiagnosticsHandler(bare, clock).diagnose(new DiagnosticsRequest("i-1", NOW));
        assertEquals(Outcome.NOT_SUPPORTED, result.outcome());
        assertEquals("The bare driver does not report diagnostics", result.message());
        assertNull(result.diagnostics());
    }

    @Test
    void aHypervisorThatCannotBeReadIsAFailure() throws Exception {
        FakeVirtDriver driver = new FakeVirtDriver("h", FakeDriverSettings.reliable("h")) {
            @Override
            public GuestDiagnostics diagnostics(String instanceId) throws VirtException {
                throw new VirtException("The hypervisor on this host is not reachable");
            }
        };
        GuestSpec guest = guest("unreadable");
        driver.spawn(guest);
        DiagnosticsResult result = new DiagnosticsHandler(driver, clock)
                .diagnose(new DiagnosticsRequest(guest.instanceId(), NOW));
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("The hypervisor on this host is not reachable", result.message());
    }
}
