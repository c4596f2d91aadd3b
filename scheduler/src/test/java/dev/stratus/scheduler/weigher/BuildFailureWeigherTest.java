package dev.stratus.scheduler.weigher;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.register;
import static dev.stratus.scheduler.SimulatedHosts.spec;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.BuildFailures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailureWeigherTest {

    @Test
    void rawWeightIsMinusRecentFailuresWithinTheWindow() {
        PlainSchedulerConfig config = new PlainSchedulerConfig();
        BuildFailures failures = new BuildFailures(config);
        failures.record("h1", Instant.now().minusSeconds(7200));
        failures.record("h1", Instant.now().minusSeconds(60));
        failures.record("h1", Instant.now());
        BuildFailureWeigher weigher = new BuildFailureWeigher(config, failures);
        var ctx = context(spec(TestFleet.flavor(1, 512, 1)));
        assertEquals(-2, weigher.raw(up("h1", 1, 512, 1), ctx), "the failure two hours ago has expired");
        assertEquals(0, weigher.raw(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void oneRecentFailureOutweighsFreeCapacity() {
        PlainSchedulerConfig config = new PlainSchedulerConfig().noWeighers().ram(1.0).buildFailure(1_000_000);
        WeighingFixture fixture = new WeighingFixture(config);
        register(fixture.cache, "roomy", 64, 262144, 1000);
        register(fixture.cache, "tight", 4, 4096, 40);
        BuildFailures failures = new BuildFailures(config);
        failures.record("roomy", Instant.now());
        BuildFailureWeigher weigher = new BuildFailureWeigher(config, failures);
        // Only the build-failure weigher is given to the selector here; RAM alone would pick "roomy".
        assertEquals(List.of("tight"), fixture.choose(weigher, spec(TestFleet.flavor(1, 512, 1)), 1));
        assertEquals(List.of("roomy"), fixture.choose(new RamWeigher(config), spec(TestFleet.flavor(1, 512, 1)), 1));
    }
}
