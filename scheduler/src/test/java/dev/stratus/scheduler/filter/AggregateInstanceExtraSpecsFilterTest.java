package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateInstanceExtraSpecsFilterTest {

    private final AggregateInstanceExtraSpecsFilter filter = new AggregateInstanceExtraSpecsFilter();

    private static SelectionContext flavor(Map<String, String> extraSpecs) {
        return context(TestFleet.spec(new FlavorSpec("f", "f", 1, 512, 1, 0, 0, extraSpecs), SchedulingHints.NONE));
    }

    private static HostState host(Map<String, String>... metadata) {
        HostState host = up("h1", 4, 4096, 40);
        List<HostAggregates.Aggregate> aggregates = new java.util.ArrayList<>();
        for (int i = 0; i < metadata.length; i++) {
            aggregates.add(new HostAggregates.Aggregate("a" + i, "agg" + i, metadata[i]));
        }
        host.aggregates(null, aggregates);
        return host;
    }

    @Test
    void flavorsWithoutScopedSpecsGoAnywhere() {
        assertNull(filter.reject(host(), flavor(Map.of("hw:cpu_policy", "dedicated", "quota:disk_read_bytes_sec", "1"))));
    }

    @Test
    void theKeyMustBeInSomeAggregateOfTheHost() {
        var ctx = flavor(Map.of("aggregate_instance_extra_specs:ssd", "true"));
        assertNull(filter.reject(host(Map.of("ssd", "true")), ctx));
        assertNull(filter.reject(host(Map.of("x", "1"), Map.of("ssd", "true")), ctx));
        assertEquals("aggregate metadata does not match ssd", filter.reject(host(Map.of("ssd", "false")), ctx));
        assertEquals("aggregate metadata does not match ssd", filter.reject(host(), ctx));
    }

    @Test
    void commaSeparatedAggregateValuesEachCount() {
        var ctx = flavor(Map.of("aggregate_instance_extra_specs:tier", "gold"));
        assertNull(filter.reject(host(Map.of("tier", "silver, gold")), ctx));
    }

    @Test
    void everyScopedSpecMustMatch() {
        var ctx = flavor(Map.of("aggregate_instance_extra_specs:ssd", "true",
                "aggregate_instance_extra_specs:cores", ">= 16"));
        assertNull(filter.reject(host(Map.of("ssd", "true", "cores", "32")), ctx));
        assertEquals("aggregate metadata does not match cores",
                filter.reject(host(Map.of("ssd", "true", "cores", "8")), ctx));
    }
}
