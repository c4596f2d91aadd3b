package dev.stratus.compute.api.operator.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.persistence.AggregateRecords;
import dev.stratus.compute.api.operator.persistence.AggregateRow;
import dev.stratus.compute.api.operator.persistence.HostInstances;
import dev.stratus.common.persistence.PersistenceFailure;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Host aggregates: create, rename, delete, hosts in and out, metadata (the availability zone among it),
 * with Nova's zone rules: a host is in one zone, and no change moves a running server to another zone.
 * After every change each host it touched has its complete aggregate list cast to the scheduler.
 * Changes are serialised (one advisory lock), so the zone checks see a consistent picture.
 */
@ApplicationScoped
public class AggregateAdmin {

    private final AggregateRecords aggregates;
    private final ServiceRecords services;
    private final ServiceLiveness clock;
    private final SchedulerNotifier scheduler;
    private final HostInstances instances;

    public AggregateAdmin(AggregateRecords aggregates, ServiceRecords services, ServiceLiveness clock,
            SchedulerNotifier scheduler, HostInstances instances) {
        this.aggregates = aggregates;
        this.services = services;
        this.instances = instances;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public AggregateRow get(int id) {
        return aggregates.byId(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public AggregateRow create(String name, String availabilityZone) {
        lock();
        if (aggregates.nameTaken(name, null)) {
            throw nameExists(name);
        }
        int id;
        try {
            id = aggregates.create(UUID.randomUUID().toString(), name, clock.now());
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw nameExists(name);
            }
            throw e;
        }
        if (availabilityZone != null) {
            aggregates.updateMetadata(id, Map.of(AggregateRow.AZ_KEY, availabilityZone));
        }
        return get(id);
    }

    /** {@code PUT}: a new name, and/or a new zone; absent keys keep their value. */
    @Transactional
    public AggregateRow update(int id, String name, boolean zoneGiven, String availabilityZone) {
        lock();
        AggregateRow aggregate = get(id);
        if (zoneGiven) {
            checkZone(aggregate, availabilityZone, aggregate.hosts(), true,
                    reason -> ApiException.badRequest("Cannot update aggregate " + id + ". Reason: " + reason + "."));
        }
        if (name != null && !name.equals(aggregate.name())) {
            if (aggregates.nameTaken(name, id)) {
                throw nameExists(name);
            }
            aggregates.rename(id, name, clock.now());
        }
        if (zoneGiven) {
            aggregates.updateMetadata(id, Map.of(AggregateRow.AZ_KEY, availabilityZone));
        }
        aggregates.touch(id, clock.now());
        scheduler.hostsChanged(aggregate.hosts());
        return get(id);
    }

    @Transactional
    public void delete(int id) {
        lock();
        AggregateRow aggregate = get(id);
        if (!aggregate.hosts().isEmpty()) {
            throw ApiException.badRequest("Cannot remove host from aggregate " + id
                    + ". Reason: Host aggregate is not empty.");
        }
        aggregates.delete(id);
    }

    @Transactional
    public AggregateRow addHost(int id, String host) {
        lock();
        if (!services.computeHostExists(host)) {
            throw ApiException.notFound("Compute host " + host + " could not be found.");
        }
        AggregateRow aggregate = get(id);
        if (aggregate.hosts().contains(host)) {
            throw ApiException.conflict("Aggregate " + id + " already has host " + host + ".");
        }
        String zone = aggregate.availabilityZone();
        if (zone != null) {
            Function<String, ApiException> refusal = reason -> ApiException.conflict("Cannot add host to aggregate "
                    + id + ". Reason: " + reason + ".");
            checkZone(aggregate, zone, List.of(host), false, refusal);
            String current = zonesOfHost(host, -1).stream().findFirst().orElse(null);
            refuseToMoveServers(host, current, zone, "added to", refusal);
        }
        aggregates.addHost(id, host, clock.now());
        aggregates.touch(id, clock.now());
        scheduler.hostsChanged(List.of(host));
        return get(id);
    }

    @Transactional
    public AggregateRow removeHost(int id, String host) {
        lock();
        ApiException notThere = ApiException.notFound("Cannot remove host " + host + " in aggregate " + id);
        if (!services.computeHostExists(host)) {
            throw notThere;
        }
        AggregateRow aggregate = aggregates.byId(id).orElseThrow(() -> notThere);
        if (!aggregate.hosts().contains(host)) {
            throw notThere;
        }
        if (aggregate.availabilityZone() != null) {
            String after = zonesOfHost(host, id).stream().findFirst().orElse(null);
            refuseToMoveServers(host, aggregate.availabilityZone(), after, "removed from",
                    reason -> ApiException.conflict("Cannot remove host from aggregate " + id + ". Reason: " + reason
                            + "."));
        }
        aggregates.removeHost(id, host);
        aggregates.touch(id, clock.now());
        scheduler.hostsChanged(List.of(host));
        return get(id);
    }

    /** Sets keys with a value and removes keys whose value is null. */
    @Transactional
    public AggregateRow setMetadata(int id, Map<String, String> changes) {
        lock();
        AggregateRow aggregate = get(id);
        if (changes.containsKey(AggregateRow.AZ_KEY)) {
            checkZone(aggregate, changes.get(AggregateRow.AZ_KEY), aggregate.hosts(), true,
                    reason -> ApiException.badRequest("Cannot update metadata of aggregate " + id + ". Reason: "
                            + reason + "."));
        }
        aggregates.updateMetadata(id, changes);
        aggregates.touch(id, clock.now());
        scheduler.hostsChanged(aggregate.hosts());
        return get(id);
    }

    /**
     * Nova's checks of a zone given to an aggregate: it has a name (a zone cannot be removed, only renamed),
     * its hosts are in no other zone, and (when it changes) it would move no server to another zone.
     */
    private void checkZone(AggregateRow aggregate, String newZone, List<String> hosts, boolean checkServers,
            Function<String, ApiException> refusal) {
        if (newZone == null || newZone.isEmpty()) {
            throw refusal.apply("Aggregate " + aggregate.name() + " does not support empty named availability zone");
        }
        Map<Integer, String> conflicting = new TreeMap<>();
        for (String host : hosts) {
            for (AggregateRow other : aggregates.ofHost(host)) {
                String zone = other.availabilityZone();
                if (other.id() != aggregate.id() && zone != null && !zone.equals(newZone)) {
                    conflicting.put(other.id(), zone);
                }
            }
        }
        if (!conflicting.isEmpty()) {
            throw refusal.apply("One or more hosts already in availability zone(s) "
                    + pythonList(conflicting.values()));
        }
        if (checkServers && !newZone.equals(aggregate.availabilityZone())
                && hosts.stream().anyMatch(h -> instances.countOnHost(h) > 0)) {
            throw refusal.apply("One or more hosts contain instances in this zone");
        }
    }

    /** A host whose zone would change cannot join or leave while it runs servers (their zone is fixed). */
    private void refuseToMoveServers(String host, String from, String to, String how,
            Function<String, ApiException> refusal) {
        long servers = instances.countOnHost(host);
        if (servers > 0 && !Objects.equals(from, to)) {
            throw refusal.apply("The host cannot be " + how + " the aggregate as the availability zone of the host "
                    + "would change from '" + pythonName(from) + "' to '" + pythonName(to) + "' but the host already has " + servers
                    + " instance(s). Changing the AZ of an existing instance is not supported by this action. Move "
                    + "the instances away from this host then try again. If you need to move the instances between "
                    + "AZs then you can use shelve_offload and unshelve to achieve this.");
        }
    }

    /** Zones a host has through aggregates other than {@code exceptId}. */
    private Set<String> zonesOfHost(String host, int exceptId) {
        Set<String> zones = new LinkedHashSet<>();
        for (AggregateRow other : aggregates.ofHost(host)) {
            if (other.id() != exceptId && other.availabilityZone() != null) {
                zones.add(other.availabilityZone());
            }
        }
        return zones;
    }

    /** How Nova's messages print a name that may be absent. */
    private static String pythonName(String name) {
        return name == null ? "None" : name;
    }

    /** How Nova's messages print a list of names: {@code ['a', 'b']}. */
    private static String pythonList(Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private void lock() {
        services.lock("aggregates", "all");
    }

    private static ApiException notFound(int id) {
        return ApiException.notFound("Aggregate " + id + " could not be found.");
    }

    private static ApiException nameExists(String name) {
        return ApiException.conflict("Aggregate " + name + " already exists.");
    }
}
