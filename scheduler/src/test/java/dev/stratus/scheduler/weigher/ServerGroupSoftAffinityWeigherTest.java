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

class ServerGroupSoftAffinityWeigherTest {

    private final ServerGroupSoftAffinityWeigher weigher = new ServerGroupSoftAffinityWeigher(new PlainSchedulerConfig());

    @Test
    void rawWeightIsTheNumberOfMembersOnTheHost() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("soft-affinity", null));
        var ctx = context(spec, Map.of("h1", 3), Set.of(), Set.of());
        assertEquals(3, weigher.raw(up("h1", 1, 512, 1), ctx));
        assertEquals(0, weigher.raw(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void otherPoliciesWeighNothing() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("affinity", null));
        assertEquals(0, weigher.raw(up("h1", 1, 512, 1), context(spec, Map.of("h1", 3), Set.of(), Set.of())));
    }
}
