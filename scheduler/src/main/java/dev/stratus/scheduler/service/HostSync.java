package dev.stratus.scheduler.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.scheduler.persistence.CatalogRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.HostRecord;
import dev.stratus.scheduler.persistence.HostRepository;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps resource providers and host states in step with compute nodes and operators: heartbeats create and
 * update the node's provider (inventory and traits; the generation moves only when something changed),
 * service status and aggregate membership come from compute-api.
 */
@ApplicationScoped
public class HostSync {

    private static final Logger LOG = Logger.getLogger(HostSync.class);

    private final Database database;
    private final ProviderRepository providers;
    private final HostRepository hosts;
    private final CatalogRepository catalog;
    private final HostStateCache cache;
    private final ObjectMapper json;

    public HostSync(Database database, ProviderRepository providers, HostRepository hosts, CatalogRepository catalog,
            HostStateCache cache, ObjectMapper json) {
        this.database = database;
        this.providers = providers;
        this.hosts = hosts;
        this.catalog = catalog;
        this.cache = cache;
        this.json = json;
    }

    public void heartbeat(ServiceHeartbeat beat) {
        HostResources res = beat.resources();
        if (res == null || beat.host() == null) {
            return;
        }
        // The node's time, so that a heartbeat that waited in a queue does not make a dead host look up; never
        // later than now, so that a node whose clock runs ahead does not stay up long after it stopped.
        Instant now = Instant.now();
        Instant at = beat.reportedAt() != null && beat.reportedAt().isBefore(now) ? beat.reportedAt() : now;
        String node = res.hypervisorHostname() != null ? res.hypervisorHostname() : beat.host();
        Map<String, InventoryRecord> inventory = inventoryOf(res);
        Set<String> traits = new TreeSet<>(res.traits());
        String arch = archOf(res.cpuInfo());
        HostState state = cache.hostOrCreate(beat.host());
        boolean unchanged = state.hasProvider() && state.node().equals(node) && state.inventory().equals(inventory)
                && state.traits().equals(traits) && Objects.equals(state.hypervisorType(), res.hypervisorType())
                && Objects.equals(state.cpuArch(), arch);
        if (unchanged) {
            database.inTransaction(c -> {
                hosts.heartbeat(c, beat.host(), state.providerUuid(), res.hypervisorType(), arch, at);
                return null;
            });
            state.heartbeat(at);
            return;
        }
        ProviderRecord provider = database.inTransaction(c -> syncProvider(c, beat.host(), node, inventory, traits,
                res.hypervisorType(), arch, at));
        cache.linkProvider(state, provider.id(), provider.uuid(), provider.name());
        state.inventory(inventory);
        state.traits(traits);
        state.hypervisor(res.hypervisorType(), arch);
        state.heartbeat(at);
        cache.refreshProviders(List.of(provider.id()));
    }

    private ProviderRecord syncProvider(Connection c, String host, String node, Map<String, InventoryRecord> inventory,
            Set<String> traits, String hypervisorType, String arch, Instant at) throws SQLException {
        ProviderRecord provider = providers.findByName(c, node).orElse(null);
        boolean changed = false;
        if (provider == null) {
            provider = providers.insert(c, UUID.randomUUID(), node, null, null);
            LOG.infof("Resource provider %s created for compute node %s", provider.uuid(), node);
        } else {
            providers.lock(c, provider.id());
        }
        Map<String, InventoryRecord> current = providers.inventories(c, provider.id());
        for (InventoryRecord inv : inventory.values()) {
            if (!inv.equals(current.get(inv.resourceClass()))) {
                providers.upsertInventory(c, provider.id(), inv);
                changed = true;
            }
        }
        for (String rc : current.keySet()) {
            if (isNodeClass(rc) && !inventory.containsKey(rc) && !providers.usages(c, provider.id()).containsKey(rc)) {
                providers.deleteInventory(c, provider.id(), rc);
                changed = true;
            }
        }
        if (!providers.traits(c, provider.id()).equals(traits)) {
            catalog.addTraits(c, traits);
            providers.replaceTraits(c, provider.id(), traits);
            changed = true;
        }
        HostRecord record = hosts.find(c, host).orElse(null);
        if (record != null && !record.aggregates().isEmpty()) {
            Set<UUID> aggregates = aggregateUuids(record.aggregates());
            if (!providers.aggregates(c, provider.id()).equals(aggregates)) {
                providers.replaceAggregates(c, provider.id(), aggregates);
                changed = true;
            }
        }
        if (changed) {
            providers.bumpGeneration(c, provider.id());
        }
        hosts.heartbeat(c, host, provider.uuid(), hypervisorType, arch, at);
        return provider;
    }

    public void status(ServiceStatus status) {
        if (status.deleted()) {
            HostState state = cache.host(status.host()).orElse(null);
            database.inTransaction(c -> {
                hosts.delete(c, status.host());
                if (state != null && state.hasProvider() && !providers.hasAllocations(c, state.providerId())
                        && !providers.hasChildren(c, state.providerId())) {
                    providers.delete(c, state.providerId());
                }
                return null;
            });
            cache.remove(status.host());
            LOG.infof("Compute host %s deleted: it receives no more instances", status.host());
            return;
        }
        database.inTransaction(c -> {
            hosts.status(c, status.host(), status.disabled(), status.disabledReason(), status.forcedDown());
            return null;
        });
        cache.hostOrCreate(status.host()).status(status.disabled(), status.disabledReason(), status.forcedDown());
    }

    public void aggregates(HostAggregates message) {
        String zone = null;
        for (HostAggregates.Aggregate aggregate : message.aggregates()) {
            String az = aggregate.metadata().get("availability_zone");
            if (az != null && !az.isBlank()) {
                zone = az;
                break;
            }
        }
        String availabilityZone = zone;
        HostState state = cache.hostOrCreate(message.host());
        Set<UUID> uuids = aggregateUuids(message.aggregates());
        database.inTransaction(c -> {
            hosts.aggregates(c, message.host(), availabilityZone, message.aggregates());
            if (state.hasProvider()) {
                providers.lock(c, state.providerId());
                if (!providers.aggregates(c, state.providerId()).equals(uuids)) {
                    providers.replaceAggregates(c, state.providerId(), uuids);
                    providers.bumpGeneration(c, state.providerId());
                }
            }
            return null;
        });
        state.aggregates(availabilityZone, message.aggregates());
    }

    static Map<String, InventoryRecord> inventoryOf(HostResources r) {
        Map<String, InventoryRecord> inventory = new LinkedHashMap<>();
        put(inventory, ResourceClasses.VCPU, r.vcpus(), r.reservedVcpus(), r.cpuAllocationRatio());
        put(inventory, ResourceClasses.MEMORY_MB, r.memoryMb(), r.reservedMemoryMb(), r.ramAllocationRatio());
        put(inventory, ResourceClasses.DISK_GB, r.localGb(), r.reservedDiskGb(), r.diskAllocationRatio());
        return inventory;
    }

    private static void put(Map<String, InventoryRecord> inventory, String rc, long total, long reserved, double ratio) {
        if (total > 0) {
            inventory.put(rc, new InventoryRecord(rc, total, Math.max(0, Math.min(reserved, total)), 1, total, 1,
                    ratio > 0 ? ratio : 1.0));
        }
    }

    private static boolean isNodeClass(String rc) {
        return ResourceClasses.VCPU.equals(rc) || ResourceClasses.MEMORY_MB.equals(rc)
                || ResourceClasses.DISK_GB.equals(rc);
    }

    private static Set<UUID> aggregateUuids(List<HostAggregates.Aggregate> aggregates) {
        Set<UUID> uuids = new HashSet<>();
        for (HostAggregates.Aggregate a : aggregates) {
            if (a.uuid() != null) {
                try {
                    uuids.add(UUID.fromString(a.uuid()));
                } catch (IllegalArgumentException notUuid) {
                    LOG.warnf("Aggregate %s has no valid uuid (%s); not mirrored in placement", a.name(), a.uuid());
                }
            }
        }
        return new TreeSet<>(uuids);
    }

    /** The architecture from a node's cpu_info JSON ({@code {"arch": "x86_64", ...}}), or null. */
    String archOf(String cpuInfo) {
        if (cpuInfo == null || cpuInfo.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(cpuInfo);
            JsonNode arch = node.get("arch");
            return arch != null && arch.isTextual() ? arch.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
