package dev.stratus.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code stratus.scheduler.*}: which filters and weighers choose hosts, and how claims retry. */
@ConfigMapping(prefix = "stratus.scheduler")
public interface SchedulerConfig {

    /** Filters run in this order; a host must pass all of them. Names as in Nova where Nova has one. */
    @WithDefault("ComputeFilter,ForcedHostFilter,CapacityFilter,AvailabilityZoneFilter,"
            + "AggregateInstanceExtraSpecsFilter,ImagePropertiesFilter,ServerGroupAffinityFilter,"
            + "ServerGroupAntiAffinityFilter,SameHostFilter,DifferentHostFilter")
    List<String> enabledFilters();

    /** A host whose last heartbeat is older than this is down and receives nothing. */
    @WithDefault("60s")
    Duration serviceDownTime();

    /** Build attempts per instance (first build plus reschedules) when the request does not say. */
    @WithDefault("3")
    int maxAttempts();

    /** Alternates sent with a build, for reschedules. */
    @WithDefault("5")
    int maxAlternates();

    /** How often a decision is re-made after a claim lost a race with another scheduler. */
    @WithDefault("10")
    int claimRetries();

    /** How long a failed build counts against its host in the build-failure weigher. */
    @WithDefault("1h")
    Duration buildFailureWindow();

    /** Availability zone of hosts in no aggregate with an {@code availability_zone} (Nova's default). */
    @WithDefault("nova")
    String defaultAvailabilityZone();

    Weigher weigher();

    /** Multipliers: positive spreads (prefers free capacity), negative packs. */
    interface Weigher {

        @WithDefault("1.0")
        double ramMultiplier();

        @WithDefault("1.0")
        double cpuMultiplier();

        @WithDefault("1.0")
        double diskMultiplier();

        /** Nova's default makes one recent failure outweigh any free capacity. */
        @WithDefault("1000000.0")
        double buildFailureMultiplier();

        @WithDefault("1.0")
        double softAffinityMultiplier();

        @WithDefault("1.0")
        double softAntiAffinityMultiplier();
    }
}
