package dev.stratus.scheduler.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.AllocationRecord;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.CatalogRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Resource providers as the Placement API manages them: lookup, listing with filters, create, update, delete. */
@ApplicationScoped
public class ProviderService {

    private final Database database;
    private final ProviderRepository providers;
    private final AllocationRepository allocations;
    private final CatalogRepository catalog;
    private final HostStateCache cache;

    public ProviderService(Database database, ProviderRepository providers, AllocationRepository allocations,
            CatalogRepository catalog, HostStateCache cache) {
        this.database = database;
        this.providers = providers;
        this.allocations = allocations;
        this.catalog = catalog;
        this.cache = cache;
    }

    public ProviderRecord get(UUID uuid) {
        return database.read(c -> require(c, uuid));
    }

    ProviderRecord require(Connection c, UUID uuid) throws SQLException {
        return providers.findByUuid(c, uuid).orElseThrow(() -> PlacementErrors.providerNotFound(uuid));
    }

    public List<ProviderRecord> list(ProviderQuery q) {
        return database.read(c -> list(c, q));
    }

    List<ProviderRecord> list(Connection c, ProviderQuery q) throws SQLException {
        checkTraits(c, q.required());
        checkTraits(c, q.forbidden());
        checkResourceClasses(c, q.resources().keySet());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.name() != null) {
            where.add("p.name = ?");
            params.add(q.name());
        }
        if (q.uuid() != null) {
            where.add("p.uuid = ?");
            params.add(q.uuid());
        }
        if (q.inTree() != null) {
            if (providers.findByUuid(c, q.inTree()).isEmpty()) {
                return List.of();
            }
            where.add("p.root_id = (SELECT root_id FROM resource_providers WHERE uuid = ?)");
            params.add(q.inTree());
        }
        for (Set<UUID> anyOf : q.memberOf()) {
            where.add("EXISTS (SELECT 1 FROM provider_aggregates pa WHERE pa.provider_id = p.id"
                    + " AND pa.aggregate_uuid = ANY(?))");
            params.add(anyOf.toArray(UUID[]::new));
        }
        if (!q.forbiddenAggregates().isEmpty()) {
            where.add("NOT EXISTS (SELECT 1 FROM provider_aggregates pa WHERE pa.provider_id = p.id"
                    + " AND pa.aggregate_uuid = ANY(?))");
            params.add(q.forbiddenAggregates().toArray(UUID[]::new));
        }
        for (String trait : q.required()) {
            where.add("EXISTS (SELECT 1 FROM provider_traits pt WHERE pt.provider_id = p.id AND pt.trait = ?)");
            params.add(trait);
        }
        for (String trait : q.forbidden()) {
            where.add("NOT EXISTS (SELECT 1 FROM provider_traits pt WHERE pt.provider_id = p.id AND pt.trait = ?)");
            params.add(trait);
        }
        for (String rc : q.resources().keySet()) {
            where.add("EXISTS (SELECT 1 FROM inventories i WHERE i.provider_id = p.id AND i.resource_class = ?)");
            params.add(rc);
        }
        List<ProviderRecord> found = providers.list(c, String.join(" AND ", where), params);
        if (q.resources().isEmpty() || found.isEmpty()) {
            return found;
        }
        List<Long> ids = found.stream().map(ProviderRecord::id).toList();
        var inventories = providers.inventoriesOf(c, ids);
        var usages = providers.usagesOf(c, ids);
        List<ProviderRecord> withRoom = new ArrayList<>();
        for (ProviderRecord p : found) {
            if (CapacityCheck.problem(p.name(), inventories.getOrDefault(p.id(), Map.of()),
                    usages.getOrDefault(p.id(), Map.of()), q.resources()) == null) {
                withRoom.add(p);
            }
        }
        return withRoom;
    }

    void checkTraits(Connection c, Set<String> traits) throws SQLException {
        if (traits.isEmpty()) {
            return;
        }
        Set<String> unknown = new TreeSet<>(traits);
        unknown.removeAll(catalog.traits(c));
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("No such trait(s): " + String.join(", ", unknown));
        }
    }

    void checkResourceClasses(Connection c, Set<String> classes) throws SQLException {
        for (String rc : classes) {
            if (!ResourceClasses.isStandard(rc) && !catalog.resourceClassExists(c, rc)) {
                throw ApiException.badRequest("Invalid resource class in resources parameter: No such resource class "
                        + rc + ".");
            }
        }
    }

    public ProviderRecord create(UUID uuid, String name, UUID parentUuid) {
        UUID id = uuid != null ? uuid : UUID.randomUUID();
        return database.inTransaction(c -> {
            if (providers.findByUuid(c, id).isPresent()) {
                throw PlacementErrors.duplicateUuid(id);
            }
            if (providers.findByName(c, name).isPresent()) {
                throw PlacementErrors.duplicateName(name);
            }
            Long parentId = null;
            Long rootId = null;
            if (parentUuid != null) {
                ProviderRecord parent = providers.findByUuid(c, parentUuid).orElseThrow(() -> ApiException.badRequest(
                        "parent provider UUID " + parentUuid + " does not exist."));
                parentId = parent.id();
                rootId = providers.findByUuid(c, parent.rootUuid()).orElseThrow().id();
            }
            return providers.insert(c, id, name, parentId, rootId);
        });
    }

    public ProviderRecord update(UUID uuid, String name, UUID parentUuid, boolean parentGiven) {
        return database.inTransaction(c -> {
            ProviderRecord p = require(c, uuid);
            providers.lock(c, p.id());
            var other = providers.findByName(c, name);
            if (other.isPresent() && other.get().id() != p.id()) {
                throw PlacementErrors.duplicateName(name);
            }
            UUID newParent = parentGiven ? parentUuid : p.parentUuid();
            if (p.parentUuid() != null && newParent == null) {
                throw ApiException.badRequest("Un-parenting a provider is not currently allowed.");
            }
            if (p.parentUuid() != null && !p.parentUuid().equals(newParent)) {
                throw ApiException.badRequest("Re-parenting a provider is not currently allowed.");
            }
            Long parentId = null;
            Long rootId = null;
            if (newParent != null) {
                ProviderRecord parent = providers.findByUuid(c, newParent).orElseThrow(() -> ApiException.badRequest(
                        "parent provider UUID " + newParent + " does not exist."));
                if (parent.id() == p.id() || p.uuid().equals(parent.rootUuid())) {
                    throw ApiException.badRequest("creating loop in the provider tree is not allowed.");
                }
                parentId = parent.id();
                rootId = providers.findByUuid(c, parent.rootUuid()).orElseThrow().id();
            }
            providers.rename(c, p.id(), name, parentId, rootId);
            return providers.findById(c, p.id()).orElseThrow();
        });
    }

    public void delete(UUID uuid) {
        long id = database.inTransaction(c -> {
            ProviderRecord p = require(c, uuid);
            providers.lock(c, p.id());
            if (providers.hasAllocations(c, p.id())) {
                throw ApiException.conflict("Unable to delete resource provider " + uuid
                        + ": Resource provider has allocations.").withType(PlacementErrors.PROVIDER_IN_USE);
            }
            if (providers.hasChildren(c, p.id())) {
                throw ApiException.conflict("Unable to delete parent resource provider " + uuid
                        + ": It has child resource providers.").withType(PlacementErrors.CANNOT_DELETE_PARENT);
            }
            providers.delete(c, p.id());
            return p.id();
        });
        cache.byProvider(id).ifPresent(h -> cache.remove(h.host()));
    }

    // ---- per-provider reads ------------------------------------------------------------------------

    public record Inventories(int generation, Map<String, InventoryRecord> inventories) {
    }

    public Inventories inventories(UUID uuid) {
        return database.read(c -> {
            ProviderRecord p = require(c, uuid);
            return new Inventories(p.generation(), providers.inventories(c, p.id()));
        });
    }

    public record Usages(int generation, Map<String, Long> usages) {
    }

    /** Usage of every resource class the provider has inventory of (0 when unused). */
    public Usages usages(UUID uuid) {
        return database.read(c -> {
            ProviderRecord p = require(c, uuid);
            Map<String, Long> usages = new java.util.TreeMap<>();
            providers.inventories(c, p.id()).keySet().forEach(rc -> usages.put(rc, 0L));
            usages.putAll(providers.usages(c, p.id()));
            return new Usages(p.generation(), usages);
        });
    }

    public record ProviderAllocations(int generation, Map<UUID, Map<String, Long>> byConsumer) {
    }

    public ProviderAllocations allocations(UUID uuid) {
        return database.read(c -> {
            ProviderRecord p = require(c, uuid);
            Map<UUID, Map<String, Long>> byConsumer = new java.util.LinkedHashMap<>();
            for (AllocationRecord a : allocations.ofProvider(c, p.id())) {
                byConsumer.computeIfAbsent(a.consumer(), k -> new java.util.TreeMap<>()).put(a.resourceClass(), a.used());
            }
            return new ProviderAllocations(p.generation(), byConsumer);
        });
    }

    public record Traits(int generation, Set<String> traits) {
    }

    public Traits traits(UUID uuid) {
        return database.read(c -> {
            ProviderRecord p = require(c, uuid);
            return new Traits(p.generation(), providers.traits(c, p.id()));
        });
    }

    public record Aggregates(int generation, Set<UUID> aggregates) {
    }

    public Aggregates aggregates(UUID uuid) {
        return database.read(c -> {
            ProviderRecord p = require(c, uuid);
            return new Aggregates(p.generation(), providers.aggregates(c, p.id()));
        });
    }
}
