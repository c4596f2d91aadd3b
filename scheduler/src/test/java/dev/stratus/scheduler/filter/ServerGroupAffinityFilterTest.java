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

class ServerGroupAffinityFilterTest {

    private final ServerGroupAffinityFilter filter = new ServerGroupAffinityFilter();

    @Test
    void theFirstMemberMayGoAnywhere() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("affinity", null));
        assertNull(filter.reject(up("h1", 1, 512, 1), context(spec)));
    }

    @Test
    void laterMembersGoWhereTheGroupIs() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("affinity", null));
        SelectionContext ctx = context(spec, Map.of("h1", 2), Set.of(), Set.of());
        assertNull(filter.reject(up("h1", 1, 512, 1), ctx));
        assertEquals("server group affinity", filter.reject(up("h2", 1, 512, 1), ctx));
    }

    @Test
    void otherPoliciesAreNotItsBusiness() {
        for (String policy : new String[] {"anti-affinity", "soft-affinity", "soft-anti-affinity"}) {
            var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group(policy, null));
            assertNull(filter.reject(up("h2", 1, 512, 1), context(spec, Map.of("h1", 1), Set.of(), Set.of())), policy);
        }
    }

    @Test
    void policyNamesAreReadAsNovaWritesThem() {
        var spec = TestFleet.spec(TestFleet.flavor(1, 512, 1), group("Affinity", null));
        assertEquals("server group affinity",
                filter.reject(up("h2", 1, 512, 1), context(spec, Map.of("h1", 1), Set.of(), Set.of())));
    }
}
