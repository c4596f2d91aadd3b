package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.TestFleet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForcedHostFilterTest {

    private final ForcedHostFilter filter = new ForcedHostFilter();

    private static SelectionContext forced(String host, String node) {
        return context(TestFleet.spec(TestFleet.flavor(1, 512, 1),
                new SchedulingHints(null, null, null, List.of(), List.of(), List.of(), host, node)));
    }

    @Test
    void withoutAForcedHostEveryHostPasses() {
        assertNull(filter.reject(up("h1", 1, 512, 1), forced(null, null)));
    }

    @Test
    void onlyTheForcedHostPasses() {
        assertNull(filter.reject(up("h1", 1, 512, 1), forced("h1", null)));
        assertEquals("not the forced host h1", filter.reject(up("h2", 1, 512, 1), forced("h1", null)));
    }

    @Test
    void aForcedNodeMustMatchTheNode() {
        assertNull(filter.reject(up("h1", 1, 512, 1), forced("h1", "h1")));
        assertEquals("not the forced node other", filter.reject(up("h1", 1, 512, 1), forced("h1", "other")));
    }
}
