package dev.stratus.scheduler.service;

import static dev.stratus.scheduler.SimulatedHosts.placeExisting;
import static dev.stratus.scheduler.SimulatedHosts.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.filter.AggregateInstanceExtraSpecsFilter;
import dev.stratus.scheduler.filter.AvailabilityZoneFilter;
import dev.stratus.scheduler.filter.CapacityFilter;
import dev.stratus.scheduler.filter.ComputeFilter;
import dev.stratus.scheduler.filter.DifferentHostFilter;
import dev.stratus.scheduler.filter.ForcedHostFilter;
import dev.stratus.scheduler.filter.HostFilter;
import dev.stratus.scheduler.filter.ImagePropertiesFilter;
import dev.stratus.scheduler.filter.SameHostFilter;
import dev.stratus.scheduler.filter.ServerGroupAffinityFilter;
import dev.stratus.scheduler.filter.ServerGroupAntiAffinityFilter;
import dev.stratus.scheduler.weigher.CpuWeigher;
import dev.stratus.scheduler.weigher.DiskWeigher;
import dev.stratus.scheduler.weigher.RamWeigher;
import dev.stratus.scheduler.weigher.ServerGroupSoftAffinityWeigher;
import dev.stratus.scheduler.weigher.ServerGroupSoftAntiAffinityWeigher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One decision for all instances of a request, over simulated hosts, with every filter and weigher on. */
class HostSelectorTest {

    private static final FlavorSpec SMALL = TestFleet.flavor(1, 1024, 10);

    private PlainSchedulerConfig config;
    private HostStateCache cache;
    private ServerGroupMembers members;
    private HostSelector selector;

    @BeforeEach
    void setUp() {
        config = new PlainSchedulerConfig();
        cache = new HostStateCache(null, null, null, null, config);
        members = new ServerGroupMembers();
        List<HostFilter> filters = List.of(new ComputeFilter(config), new ForcedHostFilter(), new CapacityFilter(),
                new AvailabilityZoneFilter(config), new AggregateInstanceExtraSpecsFilter(), new ImagePropertiesFilter(),
                new ServerGroupAffinityFilter(), new ServerGroupAntiAffinityFilter(), new SameHostFilter(),
                new DifferentHostFilter());
        selector = new HostSelector(cache, config, members, filters, List.of(new RamWeigher(config),
                new CpuWeigher(config), new DiskWeigher(config), new ServerGroupSoftAffinityWeigher(config),
                new ServerGroupSoftAntiAffinityWeigher(config)));
    }

    private Decision select(RequestSpec spec, int count) {
        return selector.select(spec, TestFleet.request(spec, count).instances(), Set.of());
    }

    private static List<String> hosts(Decision decision) {
        assertInstanceOf(Decision.Placed.class, decision, () -> "expected a placement, got " + decision);
        List<String> hosts = new ArrayList<>();
        for (Placement p : ((Decision.Placed) decision).placements()) {
            hosts.add(p.host().host());
        }
        return hosts;
    }

    private static String noValidHost(Decision decision) {
        assertInstanceOf(Decision.NoValidHost.class, decision, () -> "expected no valid host, got " + decision);
        return ((Decision.NoValidHost) decision).details();
    }

    @Test
    void unknownFilterNameFailsAtStartUp() {
        var bad = new PlainSchedulerConfig().filters(List.of("ComputeFilter", "NoSuchFilter"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new HostSelector(cache, bad, members, List.of(new ComputeFilter(bad)), List.of()));
        assertTrue(e.getMessage().contains("NoSuchFilter"), e.getMessage());
    }

    @Test
    void multiCreateIsAllOrNothing() {
        HostState a = register(cache, "a", 3, 3072, 30);
        HostState b = register(cache, "b", 3, 3072, 30);
        String details = noValidHost(select(TestFleet.spec(SMALL, SchedulingHints.NONE), 7));
        assertTrue(details.contains("CapacityFilter"), details);
        assertEquals(Resources.NONE, a.used(), "nothing stays reserved after a refused decision");
        assertEquals(Resources.NONE, b.used());

        List<String> placed = hosts(select(TestFleet.spec(SMALL, SchedulingHints.NONE), 6));
        assertEquals(3, placed.stream().filter("a"::equals).count());
        assertEquals(3, placed.stream().filter("b"::equals).count());
    }

    @Test
    void alternatesAreOtherHostsThatPassed() {
        for (String h : List.of("a", "b", "c", "d", "e", "f", "g")) {
            register(cache, h, 8, 8192, 80);
        }
        register(cache, "full", 1, 512, 1);
        Placement p = ((Decision.Placed) select(TestFleet.spec(SMALL, SchedulingHints.NONE), 1)).placements().get(0);
        assertEquals(config.maxAlternates(), p.alternates().size());
        assertFalse(p.alternates().contains(p.host().host()));
        assertFalse(p.alternates().contains("full"), "a host the filters refused is no alternate");
    }

    @Test
    void antiAffinityPutsEachMemberOnItsOwnHost() {
        for (String h : List.of("a", "b", "c", "d")) {
            register(cache, h, 16, 16384, 160);
        }
        RequestSpec spec = TestFleet.spec(SMALL, new SchedulingHints("g1", "anti-affinity", null, List.of(), List.of(),
                List.of(), null, null));
        List<String> placed = hosts(select(spec, 4));
        assertEquals(Set.of("a", "b", "c", "d"), new HashSet<>(placed));

        String details = noValidHost(select(spec, 5));
        assertTrue(details.contains("ServerGroupAntiAffinityFilter"), details);
    }

    @Test
    void antiAffinityCountsExistingMembersAndMaxServerPerHost() {
        HostState a = register(cache, "a", 16, 16384, 160);
        register(cache, "b", 16, 16384, 160);
        String existing = placeExisting(cache, a, SMALL);
        RequestSpec one = TestFleet.spec(SMALL, new SchedulingHints("g1", "anti-affinity", null, List.of(existing),
                List.of(), List.of(), null, null));
        assertEquals(List.of("b"), hosts(select(one, 1)));

        RequestSpec two = TestFleet.spec(SMALL, new SchedulingHints("g2", "anti-affinity", 2, List.of(existing),
                List.of(), List.of(), null, null));
        List<String> placed = hosts(select(two, 3));
        assertEquals(1, placed.stream().filter("a"::equals).count(), "a holds one member already: room for one more");
        assertEquals(2, placed.stream().filter("b"::equals).count());
    }

    @Test
    void membersPlacedByThisProcessCountEvenIfTheRequestDoesNotNameThem() {
        HostState a = register(cache, "a", 16, 16384, 160);
        register(cache, "b", 16, 16384, 160);
        String earlier = placeExisting(cache, a, SMALL);
        members.placed("g1", Consumers.of(earlier));
        RequestSpec spec = TestFleet.spec(SMALL, new SchedulingHints("g1", "anti-affinity", null, List.of(), List.of(),
                List.of(), null, null));
        assertEquals(List.of("b"), hosts(select(spec, 1)));
    }

    @Test
    void affinityKeepsTheGroupTogether() {
        register(cache, "a", 16, 16384, 160);
        register(cache, "b", 16, 16384, 160);
        RequestSpec spec = TestFleet.spec(SMALL, new SchedulingHints("g1", "affinity", null, List.of(), List.of(),
                List.of(), null, null));
        assertEquals(1, new HashSet<>(hosts(select(spec, 5))).size());
    }

    @Test
    void softAntiAffinitySpreadsSoftAffinityPacks() {
        // Identical hosts: capacity weighers alone would also spread, so packing is the telling case.
        register(cache, "a", 16, 16384, 160);
        register(cache, "b", 16, 16384, 160);
        register(cache, "c", 16, 16384, 160);
        config.noWeighers().softAffinity(1.0);
        RequestSpec soft = TestFleet.spec(SMALL, new SchedulingHints("g1", "soft-affinity", null, List.of(), List.of(),
                List.of(), null, null));
        assertEquals(1, new HashSet<>(hosts(select(soft, 4))).size());

        config.noWeighers().softAntiAffinity(1.0);
        RequestSpec spread = TestFleet.spec(SMALL, new SchedulingHints("g2", "soft-anti-affinity", null, List.of(),
                List.of(), List.of(), null, null));
        List<String> placed = hosts(select(spread, 3));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(placed));
        assertEquals(4, hosts(select(spread, 4)).size(), "soft: a fourth member still finds a host");
    }

    @Test
    void downDisabledAndIgnoredHostsReceiveNothing() {
        HostState down = register(cache, "down", 64, 65536, 640);
        down.status(false, null, true);
        HostState disabled = register(cache, "disabled", 64, 65536, 640);
        disabled.status(true, "maintenance", false);
        register(cache, "tried", 64, 65536, 640);
        register(cache, "ok", 2, 2048, 20);
        RequestSpec spec = new RequestSpec("p", "u", SMALL, TestFleet.image(java.util.Map.of()), null,
                SchedulingHints.NONE, List.of("tried"));
        assertEquals(List.of("ok", "ok"), hosts(select(spec, 2)));
        String details = noValidHost(select(spec, 1));
        assertTrue(details.contains("CapacityFilter"), details);

        down.status(false, null, false);
        disabled.status(false, null, false);
        assertEquals(2, new HashSet<>(hosts(select(spec, 2))).size(), "both back, and preferred for their room");
    }

    @Test
    void noValidHostSaysWhichFilterAndWhy() {
        HostState a = register(cache, "a", 4, 4096, 40);
        a.status(true, "maintenance", false);
        register(cache, "b", 1, 512, 5);
        String details = noValidHost(select(TestFleet.spec(SMALL, SchedulingHints.NONE), 1));
        assertTrue(details.startsWith("Filter CapacityFilter returned 0 hosts (of 1)"), details);
        assertTrue(details.contains("not enough MEMORY_MB on 1 host"), details);
        assertTrue(details.contains("before it, ComputeFilter removed compute service disabled on 1 host"), details);
        assertTrue(details.contains("Requested 1 VCPU, 1024 MEMORY_MB, 10 DISK_GB"), details);

        var capacityOnly = new PlainSchedulerConfig().filters(List.of("CapacityFilter"));
        HostStateCache empty = new HostStateCache(null, null, null, null, capacityOnly);
        HostSelector none = new HostSelector(empty, capacityOnly, members, List.of(new CapacityFilter()),
                List.<dev.stratus.scheduler.weigher.HostWeigher>of());
        Decision d = none.select(TestFleet.spec(SMALL, SchedulingHints.NONE),
                TestFleet.request(SMALL, 1).instances(), Set.of());
        assertTrue(noValidHost(d).contains("no compute hosts"), noValidHost(d));
    }

    @Test
    void anInstanceAlreadyPlacedKeepsItsHost() {
        HostState a = register(cache, "a", 4, 4096, 40);
        register(cache, "b", 64, 65536, 640);
        InstanceBuild instance = TestFleet.instance(java.util.UUID.randomUUID().toString(), SMALL);
        cache.placed(Consumers.of(instance.instanceId()), a, Resources.of(SMALL));
        Decision d = selector.select(TestFleet.spec(SMALL, SchedulingHints.NONE), List.of(instance), Set.of());
        Placement p = ((Decision.Placed) d).placements().get(0);
        assertEquals("a", p.host().host());
        assertTrue(p.existing());
        assertEquals(Resources.of(SMALL), a.used(), "nothing reserved a second time");
    }
}
