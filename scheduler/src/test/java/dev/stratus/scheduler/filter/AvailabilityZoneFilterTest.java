package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityZoneFilterTest {

    private final AvailabilityZoneFilter filter = new AvailabilityZoneFilter(new PlainSchedulerConfig());

    private static SelectionContext zone(String az) {
        RequestSpec spec = new RequestSpec("p", "u", TestFleet.flavor(1, 512, 1), TestFleet.image(Map.of()), az,
                SchedulingHints.NONE, List.of());
        return context(spec);
    }

    private static HostState inZone(String name, String az) {
        HostState host = up(name, 4, 4096, 40);
        host.aggregates(az, List.of(new HostAggregates.Aggregate("a1", "agg-" + az, Map.of("availability_zone", az))));
        return host;
    }

    @Test
    void noZoneRequestedTakesAnyHost() {
        assertNull(filter.reject(inZone("h1", "az1"), zone(null)));
        assertNull(filter.reject(up("h2", 4, 4096, 40), zone("")));
    }

    @Test
    void hostInTheZonePassesOthersDoNot() {
        assertNull(filter.reject(inZone("h1", "az1"), zone("az1")));
        assertEquals("not in availability zone az1", filter.reject(inZone("h2", "az2"), zone("az1")));
    }

    @Test
    void hostsInNoZoneAreInTheDefaultZone() {
        HostState plain = up("h1", 4, 4096, 40);
        assertNull(filter.reject(plain, zone("nova")));
        assertEquals("not in availability zone az1", filter.reject(plain, zone("az1")));
        assertEquals("not in availability zone nova", filter.reject(inZone("h2", "az1"), zone("nova")));
    }

    @Test
    void anyAggregateOfTheHostMayNameTheZone() {
        HostState host = up("h1", 4, 4096, 40);
        host.aggregates("az1", List.of(new HostAggregates.Aggregate("a1", "one", Map.of("availability_zone", "az1")),
                new HostAggregates.Aggregate("a2", "ssd", Map.of("ssd", "true"))));
        assertNull(filter.reject(host, zone("az1")));
    }
}
