package dev.stratus.scheduler;

import dev.stratus.scheduler.config.SchedulerConfig;
import java.time.Duration;
import java.util.List;

/** {@link SchedulerConfig} with its documented defaults, for unit tests and the benchmark (no Quarkus). */
public final class PlainSchedulerConfig implements SchedulerConfig {

    public static final List<String> ALL_FILTERS = List.of("ComputeFilter", "ForcedHostFilter", "CapacityFilter",
            "AvailabilityZoneFilter", "AggregateInstanceExtraSpecsFilter", "ImagePropertiesFilter",
            "ServerGroupAffinityFilter", "ServerGroupAntiAffinityFilter", "SameHostFilter", "DifferentHostFilter");

    private List<String> filters = ALL_FILTERS;
    private Duration downTime = Duration.ofSeconds(60);
    private double ram = 1.0;
    private double cpu = 1.0;
    private double disk = 1.0;
    private double buildFailure = 1_000_000.0;
    private double softAffinity = 1.0;
    private double softAntiAffinity = 1.0;

    public PlainSchedulerConfig filters(List<String> names) {
        this.filters = List.copyOf(names);
        return this;
    }

    public PlainSchedulerConfig downTime(Duration d) {
        this.downTime = d;
        return this;
    }

    /** Every multiplier zero except the ones set afterwards. */
    public PlainSchedulerConfig noWeighers() {
        ram = cpu = disk = buildFailure = softAffinity = softAntiAffinity = 0;
        return this;
    }

    public PlainSchedulerConfig ram(double m) {
        ram = m;
        return this;
    }

    public PlainSchedulerConfig cpu(double m) {
        cpu = m;
        return this;
    }

    public PlainSchedulerConfig disk(double m) {
        disk = m;
        return this;
    }

    public PlainSchedulerConfig buildFailure(double m) {
        buildFailure = m;
        return this;
    }

    public PlainSchedulerConfig softAffinity(double m) {
        softAffinity = m;
        return this;
    }

    public PlainSchedulerConfig softAntiAffinity(double m) {
        softAntiAffinity = m;
        return this;
    }

    @Override
    public List<String> enabledFilters() {
        return filters;
    }

    @Override
    public Duration serviceDownTime() {
        return downTime;
    }

    @Override
    public int maxAttempts() {
        return 3;
    }

    @Override
    public int maxAlternates() {
        return 5;
    }

    @Override
    public int claimRetries() {
        return 10;
    }

    @Override
    public Duration buildFailureWindow() {
        return Duration.ofHours(1);
    }

    @Override
    public String defaultAvailabilityZone() {
        return "nova";
    }

    @Override
    public Weigher weigher() {
        return new Weigher() {
            @Override
            public double ramMultiplier() {
                return ram;
            }

            @Override
            public double cpuMultiplier() {
                return cpu;
            }

            @Override
            public double diskMultiplier() {
                return disk;
            }

            @Override
            public double buildFailureMultiplier() {
                return buildFailure;
            }

            @Override
            public double softAffinityMultiplier() {
                return softAffinity;
            }

            @Override
            public double softAntiAffinityMultiplier() {
                return softAntiAffinity;
            }
        };
    }
}
