package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.group;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.scheduler.TestFleet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerGroupAntiAffinityFilterTest {

    private final ServerGroupAntiAffinityFilter filter = new ServerGroupAntiAffinityFilter();

    @Test
    void aHostWithAMemberIsRejected() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("anti-affinity", null));
        SelectionContext ctx = context(spec, Map.of("h1", 1), Set.of(), Set.of());
        assertEquals("server group anti-affinity", filter.reject(up("h1", 1, 512, 1), ctx));
        assertNull(filter.reject(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void maxServerPerHostAllowsThatManyMembers() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("anti-affinity", 2));
        assertNull(filter.reject(up("h1", 1, 512, 1), context(spec, Map.of("h1", 1), Set.of(), Set.of())));
        assertEquals("server group anti-affinity",
                filter.reject(up("h1", 1, 512, 1), context(spec, Map.of("h1", 2), Set.of(), Set.of())));
    }

    @Test
    void aMaxBelowOneMeansOne() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("anti_affinity", 0));
        assertEquals("server group anti-affinity",
                filter.reject(up("h1", 1, 512, 1), context(spec, Map.of("h1", 1), Set.of(), Set.of())));
    }

    @Test
    void softAntiAffinityIsAWeighNotAFilter() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("soft-anti-affinity", null));
        assertNull(filter.reject(up("h1", 1, 512, 1), context(spec, Map.of("h1", 3), Set.of(), Set.of())));
    }
}
