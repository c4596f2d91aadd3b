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

class CpuWeigherTest {

    @Test
    void rawWeightIsFreeVcpus() {
        HostState host = up("h1", 8, 8192, 80);
        host.allocated(UUID.randomUUID(), new Resources(3, 1, 1));
        assertEquals(5, new CpuWeigher(new PlainSchedulerConfig()).raw(host, context(spec(TestFleet.flavor(1, 1, 1)))));
    }

    @Test
    void spreadsOverFreeVcpusOrPacksWithANegativeMultiplier() {
        WeighingFixture spread = new WeighingFixture(new PlainSchedulerConfig().noWeighers().cpu(1.0));
        register(spread.cache, "a", 4, 65536, 1000);
        register(spread.cache, "b", 16, 65536, 1000);
        var flavor = spec(TestFleet.flavor(2, 512, 1));
        assertEquals(List.of("b", "b", "b", "b", "b", "b", "a", "b"),
                spread.choose(new CpuWeigher(spread.config), flavor, 8));

        WeighingFixture pack = new WeighingFixture(new PlainSchedulerConfig().noWeighers().cpu(-1.0));
        register(pack.cache, "a", 4, 65536, 1000);
        register(pack.cache, "b", 16, 65536, 1000);
        assertEquals(List.of("a", "a", "b"), pack.choose(new CpuWeigher(pack.config), flavor, 3),
                "packing fills the fuller host first, then moves on when it is full");
    }
}
