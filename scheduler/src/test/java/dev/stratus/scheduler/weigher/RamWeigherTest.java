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

class RamWeigherTest {

    @Test
    void rawWeightIsFreeMemory() {
        HostState host = up("h1", 8, 8192, 80);
        host.allocated(UUID.randomUUID(), new Resources(1, 3000, 1));
        RamWeigher weigher = new RamWeigher(new PlainSchedulerConfig().ram(2.5));
        assertEquals(5192, weigher.raw(host, context(spec(TestFleet.flavor(1, 512, 1)))));
        assertEquals(2.5, weigher.multiplier());
    }

    @Test
    void positiveMultiplierSpreadsNegativePacks() {
        WeighingFixture spread = new WeighingFixture(new PlainSchedulerConfig().noWeighers().ram(1.0));
        register(spread.cache, "small", 8, 4096, 100);
        register(spread.cache, "big", 8, 16384, 100);
        var flavor = spec(TestFleet.flavor(1, 4096, 1));
        // Each instance goes where most memory is free once the earlier ones are counted; at 4096 each the
        // tie goes to the first name, and a full host no longer passes.
        assertEquals(List.of("big", "big", "big", "big", "small"),
                spread.choose(new RamWeigher(spread.config), flavor, 5));

        WeighingFixture pack = new WeighingFixture(new PlainSchedulerConfig().noWeighers().ram(-1.0));
        register(pack.cache, "small", 8, 4096, 100);
        register(pack.cache, "big", 8, 16384, 100);
        assertEquals(List.of("small", "big", "big"), pack.choose(new RamWeigher(pack.config), flavor, 3));
    }
}
