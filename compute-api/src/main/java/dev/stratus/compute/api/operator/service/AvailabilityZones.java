package dev.stratus.compute.api.operator.service;

import dev.stratus.compute.api.operator.config.ComputeHostsSettings;
import dev.stratus.compute.api.operator.persistence.AggregateRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Availability zones as Nova derives them: a compute host is in the zones of its aggregates, or in the
 * default zone; control-plane services are in the internal zone. A zone is available when it has an
 * enabled service, and listed as unavailable when all its services are disabled.
 */
@ApplicationScoped
public class AvailabilityZones {

    /** A service with its zone and whether it is up. */
    public record ZonedService(ServiceRow service, String zone, boolean up) {
    }

    /** One zone: its name, whether it is available, and (detail) its hosts' enabled services. */
    public record Zone(String name, boolean available, Map<String, List<ZonedService>> hosts) {
    }

    private final ServiceRecords services;
    private final AggregateRecords aggregates;
    private final ServiceLiveness liveness;
    private final ComputeHostsSettings settings;

    public AvailabilityZones(ServiceRecords services, AggregateRecords aggregates, ServiceLiveness liveness,
            ComputeHostsSettings settings) {
        this.services = services;
        this.aggregates = aggregates;
        this.liveness = liveness;
        this.settings = settings;
    }

    public String internalZone() {
        return settings.internalAvailabilityZone();
    }

    /** Every service (optionally filtered) with its zone, in id order. */
    public List<ZonedService> services(String host, String binary) {
        Map<String, String> zones = aggregates.zonesByHost();
        var now = liveness.now();
        return services.list(host, binary).stream()
                .map(s -> new ZonedService(s, zoneOf(s, zones), liveness.isUp(s, now)))
                .toList();
    }

    public String zoneOf(ServiceRow service) {
        return zoneOf(service, aggregates.zonesByHost());
    }

    /**
     * Whether a server may be placed in {@code zone}: one of {@link #zones zones(false)}'s available zones (an
     * enabled service is in it; never the internal zone), answered from the services and one read of the
     * aggregates, without building every zone.
     */
    public boolean isAvailable(String zone) {
        if (zone == null || zone.equals(internalZone())) {
            return false;
        }
        Map<String, String> zones = aggregates.zonesByHost();
        return services.list(null, null).stream()
                .anyMatch(s -> !s.disabled() && zone.equals(zoneOf(s, zones)));
    }

    /** The zone of {@code host}'s compute service, empty when the host has none. */
    public Optional<String> zoneOfHost(String host) {
        return services.list(host, null).stream().filter(ServiceRow::isCompute).findFirst().map(this::zoneOf);
    }

    private String zoneOf(ServiceRow service, Map<String, String> zonesByHost) {
        if (!service.isCompute()) {
            return settings.internalAvailabilityZone();
        }
        return zonesByHost.getOrDefault(service.host(), settings.defaultAvailabilityZone());
    }

    /**
     * Available zones first (those with an enabled service), then the unavailable ones; with
     * {@code internal}, the internal zone too (the detailed listing shows it).
     */
    public List<Zone> zones(boolean includeInternal) {
        List<ZonedService> all = services(null, null);
        TreeMap<String, Map<String, List<ZonedService>>> available = new TreeMap<>();
        for (ZonedService s : all) {
            if (!s.service().disabled()) {
                available.computeIfAbsent(s.zone(), z -> new TreeMap<>())
                        .computeIfAbsent(s.service().host(), h -> new ArrayList<>()).add(s);
            }
        }
        TreeSet<String> unavailable = new TreeSet<>();
        for (ZonedService s : all) {
            if (s.service().disabled() && !available.containsKey(s.zone())) {
                unavailable.add(s.zone());
            }
        }
        List<Zone> zones = new ArrayList<>();
        available.forEach((zone, hosts) -> {
            if (includeInternal || !zone.equals(internalZone())) {
                zones.add(new Zone(zone, true, new LinkedHashMap<>(hosts)));
            }
        });
        for (String zone : unavailable) {
            if (includeInternal || !zone.equals(internalZone())) {
                zones.add(new Zone(zone, false, null));
            }
        }
        return zones;
    }
}
