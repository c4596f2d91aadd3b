package dev.stratus.scheduler.weigher;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.register;
import static dev.stratus.scheduler.SimulatedHosts.spec;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.Resources;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiskWeigherTest {

    @Test
    void rawWeightIsFreeDisk() {
        HostState host = up("h1", 8, 8192, 80);
        host.allocated(UUID.randomUUID(), new Resources(1, 1, 30));
        assertEquals(50, new DiskWeigher(new PlainSchedulerConfig()).raw(host, context(spec(TestFleet.flavor(1, 1, 1)))));
    }

    @Test
    void prefersTheEmptierDisk() {
        WeighingFixture fixture = new WeighingFixture(new PlainSchedulerConfig().noWeighers().disk(1.0));
        register(fixture.cache, "a", 64, 65536, 100);
        register(fixture.cache, "b", 64, 65536, 50);
        assertEquals(List.of("a", "a", "b"), fixture.choose(new DiskWeigher(fixture.config),
                spec(TestFleet.flavor(1, 512, 30)), 3));
    }
}
