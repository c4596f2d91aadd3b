package dev.stratus.scheduler.weigher;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.group;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerGroupSoftAntiAffinityWeigherTest {

    private final ServerGroupSoftAntiAffinityWeigher weigher =
            new ServerGroupSoftAntiAffinityWeigher(new PlainSchedulerConfig());

    @Test
    void rawWeightIsMinusTheMembersOnTheHost() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("soft-anti-affinity", null));
        var ctx = context(spec, Map.of("h1", 2), Set.of(), Set.of());
        assertEquals(-2, weigher.raw(up("h1", 1, 512, 1), ctx));
        assertEquals(0, weigher.raw(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void otherPoliciesWeighNothing() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("soft-affinity", null));
        assertEquals(0, weigher.raw(up("h1", 1, 512, 1), context(spec, Map.of("h1", 2), Set.of(), Set.of())));
    }
}
