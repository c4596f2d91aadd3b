package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.spec;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.ResourceClasses;
import dev.stratus.scheduler.service.Resources;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CapacityFilterTest {

    private final CapacityFilter filter = new CapacityFilter();

    @Test
    void fitsExactlyThenNoMore() {
        HostState host = up("h1", 4, 4096, 40);
        SelectionContext ctx = context(spec(TestFleet.flavor(2, 2048, 20)));
        assertNull(filter.reject(host, ctx));
        assertTrue(host.reserve(UUID.randomUUID(), ctx.resources()));
        assertNull(filter.reject(host, ctx), "the second half still fits");
        assertTrue(host.reserve(UUID.randomUUID(), ctx.resources()));
        assertEquals("not enough VCPU", filter.reject(host, ctx));
    }

    @Test
    void eachResourceClassCounts() {
        HostState host = up("h1", 16, 1024, 100);
        assertEquals("not enough MEMORY_MB", filter.reject(host, context(spec(TestFleet.flavor(1, 2048, 1)))));
        assertEquals("not enough DISK_GB", filter.reject(host, context(spec(TestFleet.flavor(1, 512, 101)))));
    }

    @Test
    void reservedAndAllocationRatioShapeCapacity() {
        HostState host = up("h1", 4, 4096, 40);
        // (4 - 1) * 2.0 = 6 VCPUs may be allocated.
        host.inventory(Map.of(ResourceClasses.VCPU, new InventoryRecord(ResourceClasses.VCPU, 4, 1, 1, 4, 1, 2.0),
                ResourceClasses.MEMORY_MB, new InventoryRecord(ResourceClasses.MEMORY_MB, 4096, 0, 1, 4096, 1, 1.0),
                ResourceClasses.DISK_GB, new InventoryRecord(ResourceClasses.DISK_GB, 40, 0, 1, 40, 1, 1.0)));
        SelectionContext three = context(spec(TestFleet.flavor(3, 1, 1)));
        assertTrue(host.reserve(UUID.randomUUID(), three.resources()));
        assertNull(filter.reject(host, three));
        assertTrue(host.reserve(UUID.randomUUID(), three.resources()));
        assertEquals("not enough VCPU", filter.reject(host, context(spec(TestFleet.flavor(1, 1, 1)))));
    }

    @Test
    void unitRulesCount() {
        HostState host = up("h1", 8, 8192, 80);
        host.inventory(Map.of(ResourceClasses.VCPU, new InventoryRecord(ResourceClasses.VCPU, 8, 0, 1, 2, 1, 1.0),
                ResourceClasses.MEMORY_MB, new InventoryRecord(ResourceClasses.MEMORY_MB, 8192, 0, 512, 8192, 512, 1.0),
                ResourceClasses.DISK_GB, new InventoryRecord(ResourceClasses.DISK_GB, 80, 0, 1, 80, 1, 1.0)));
        assertEquals("not enough VCPU", filter.reject(host, context(spec(TestFleet.flavor(4, 512, 1)))), "max_unit 2");
        assertEquals("not enough MEMORY_MB", filter.reject(host, context(spec(TestFleet.flavor(1, 700, 1)))),
                "step_size 512");
        assertNull(filter.reject(host, context(spec(TestFleet.flavor(2, 1024, 1)))));
    }

    @Test
    void noInventoryOfAClassRejects() {
        HostState host = up("h1", 8, 8192, 80);
        host.inventory(Map.of(ResourceClasses.VCPU, new InventoryRecord(ResourceClasses.VCPU, 8, 0, 1, 8, 1, 1.0),
                ResourceClasses.MEMORY_MB, new InventoryRecord(ResourceClasses.MEMORY_MB, 8192, 0, 1, 8192, 1, 1.0)));
        assertEquals("not enough DISK_GB", filter.reject(host, context(spec(TestFleet.flavor(1, 512, 1)))));
        assertNull(filter.reject(host, context(spec(TestFleet.flavor(1, 512, 0)))), "a diskless flavor fits");
    }

    @Test
    void releasedCapacityIsFreeAgain() {
        HostState host = up("h1", 2, 2048, 20);
        SelectionContext ctx = context(spec(TestFleet.flavor(2, 2048, 20)));
        UUID consumer = UUID.randomUUID();
        host.allocated(consumer, ctx.resources());
        assertEquals("not enough VCPU", filter.reject(host, ctx));
        host.release(consumer);
        assertNull(filter.reject(host, ctx));
        assertEquals(Resources.NONE, host.used());
    }
}
