package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.TestFleet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SameHostFilterTest {

    private final SameHostFilter filter = new SameHostFilter();

    @Test
    void withoutTheHintEveryHostPasses() {
        assertNull(filter.reject(up("h1", 1, 512, 1), context(TestFleet.spec(TestFleet.flavor(1, 512, 1),
                SchedulingHints.NONE))));
    }

    @Test
    void onlyHostsOfTheNamedInstancesPass() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1),
                new SchedulingHints(null, null, null, List.of(), List.of("i-1"), List.of(), null, null));
        SelectionContext ctx = context(spec, Map.of(), Set.of("h1"), Set.of());
        assertNull(filter.reject(up("h1", 1, 512, 1), ctx));
        assertEquals("not the host of a same_host instance", filter.reject(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void namedInstancesWithNoKnownHostLeaveNoHost() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1),
                new SchedulingHints(null, null, null, List.of(), List.of("i-unknown"), List.of(), null, null));
        assertEquals("not the host of a same_host instance",
                filter.reject(up("h1", 1, 512, 1), context(spec, Map.of(), Set.of(), Set.of())));
    }
}
