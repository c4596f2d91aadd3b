package dev.stratus.scheduler.weigher;

import dev.stratus.common.compute.RequestSpec;
import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.filter.CapacityFilter;
import dev.stratus.scheduler.service.Decision;
import dev.stratus.scheduler.service.HostSelector;
import dev.stratus.scheduler.service.HostStateCache;
import dev.stratus.scheduler.service.Placement;
import dev.stratus.scheduler.service.ServerGroupMembers;
import java.util.List;
import java.util.Set;

/** Hosts in a database-less cache, chosen among by one weigher (and the capacity filter). */
final class WeighingFixture {

    final PlainSchedulerConfig config;
    final HostStateCache cache;

    WeighingFixture(PlainSchedulerConfig config) {
        this.config = config.filters(List.of("CapacityFilter"));
        this.cache = new HostStateCache(null, null, null, null, this.config);
    }

    /** The hosts chosen for the instances of one request, in order. */
    List<String> choose(HostWeigher weigher, RequestSpec spec, int instances) {
        HostSelector selector = new HostSelector(cache, config, new ServerGroupMembers(), List.of(new CapacityFilter()),
                List.of(weigher));
        Decision decision = selector.select(spec, TestFleet.request(spec, instances).instances(), Set.of());
        if (!(decision instanceof Decision.Placed placed)) {
            throw new AssertionError("no host: " + decision);
        }
        return placed.placements().stream().map(Placement::host).map(h -> h.host()).toList();
    }
}
