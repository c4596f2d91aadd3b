package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.Faults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call compute-api makes before a rebuild with a new image: the image filters alone judge the server's own
 * host, as Nova's scheduler judges a rebuild request (capacity and the service's state are not checked again).
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class RebuildCheckTest {

    private static final FlavorSpec SMALL = TestFleet.flavor(1, 1024, 10);

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    String host;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        host = "rb-" + Long.toString(System.nanoTime() % 100000, 36);
    }

    private HostCheck check(String on, FlavorSpec flavor, Map<String, String> imageProperties) {
        RequestSpec spec = new RequestSpec("project-a", "alice", flavor, TestFleet.image(imageProperties), null,
                SchedulingHints.NONE, List.of());
        return scheduler.checkRebuildHost(new CheckRebuildHost(UUID.randomUUID().toString(), spec, on, on));
    }

    @Test
    void anImageOfAnotherArchitectureIsRefusedOnTheHost() {
        fleet.host(host, 8, 8192, 80);
        HostCheck refused = check(host, SMALL, Map.of("architecture", "unicore32"));
        assertFalse(refused.passes());
        assertEquals(Faults.NO_VALID_HOST, refused.fault().message());
        assertTrue(refused.fault().details().contains("ImagePropertiesFilter"), refused.fault().details());
        assertFalse(check(host, SMALL, Map.of("hypervisor_type", "xen")).passes());

        assertTrue(check(host, SMALL, Map.of("architecture", "x86_64")).passes());
        assertTrue(check(host, SMALL, Map.of()).passes());
    }

    @Test
    void onlyTheImageFiltersRun() throws InterruptedException {
        fleet.host(host, 1, 512, 5);
        FlavorSpec tooBig = TestFleet.flavor(4, 4096, 40);
        assertTrue(check(host, tooBig, Map.of()).passes(), "the server holds its room already: no capacity check");
        scheduler.status(new ServiceStatus(host, true, "maintenance", false, false));
        long end = System.nanoTime() + 30_000_000_000L;
        while (!fleet.state(host).disabled()) {
            assertTrue(System.nanoTime() < end, "the host disabled");
            Thread.sleep(10);
        }
        assertTrue(check(host, SMALL, Map.of()).passes(), "a disabled host rebuilds its servers, as in Nova");
    }

    @Test
    void anUnknownHostIsNoValidHost() {
        HostCheck refused = check("nowhere-" + host, SMALL, Map.of());
        assertFalse(refused.passes());
        assertEquals(Faults.NO_VALID_HOST, refused.fault().message());
    }
}
