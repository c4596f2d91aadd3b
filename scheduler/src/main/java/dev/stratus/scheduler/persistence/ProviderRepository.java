package dev.stratus.scheduler.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Resource providers with their inventories, traits and aggregates; every method joins the caller's transaction. */
@ApplicationScoped
public class ProviderRepository {

    private static final String SELECT = "SELECT p.id, p.uuid, p.name, p.generation, r.uuid AS root_uuid,"
            + " pp.uuid AS parent_uuid, p.created_at, p.updated_at FROM resource_providers p"
            + " LEFT JOIN resource_providers r ON r.id = p.root_id"
            + " LEFT JOIN resource_providers pp ON pp.id = p.parent_id";

    public Optional<ProviderRecord> findByUuid(Connection c, UUID uuid) throws SQLException {
        return one(c, SELECT + " WHERE p.uuid = ?", uuid);
    }

    public Optional<ProviderRecord> findByName(Connection c, String name) throws SQLException {
        return one(c, SELECT + " WHERE p.name = ?", name);
    }

    public Optional<ProviderRecord> findById(Connection c, long id) throws SQLException {
        return one(c, SELECT + " WHERE p.id = ?", id);
    }

    /** Providers matching an SQL condition on {@code p} (built by the caller from fixed fragments). */
    public List<ProviderRecord> list(Connection c, String where, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + (where.isEmpty() ? "" : " WHERE " + where)
                + " ORDER BY p.id")) {
            bind(ps, params);
            return all(ps);
        }
    }

    public ProviderRecord insert(Connection c, UUID uuid, String name, Long parentId, Long rootId) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource_providers (uuid, name, parent_id, root_id)"
                + " VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setObject(1, uuid);
            ps.setString(2, name);
            ps.setObject(3, parentId);
            ps.setObject(4, rootId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (rootId == null) {
            update(c, "UPDATE resource_providers SET root_id = id WHERE id = ?", id);
        }
        return findById(c, id).orElseThrow();
    }

    public void rename(Connection c, long id, String name, Long parentId, Long rootId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE resource_providers SET name = ?, parent_id = ?,"
                + " root_id = COALESCE(?, id), generation = generation + 1, updated_at = now() WHERE id = ?")) {
            ps.setString(1, name);
            ps.setObject(2, parentId);
            ps.setObject(3, rootId);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Locks the provider row (the claim's serialisation point) and returns its generation. */
    public Optional<Integer> lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM resource_providers WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Locks several providers in id order, so that two claims never wait for each other in a circle. */
    public Map<Long, Integer> lockAll(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Integer> generations = new TreeMap<>();
        if (ids.isEmpty()) {
            return generations;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, generation FROM resource_providers WHERE id = ANY(?)"
                + " ORDER BY id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("bigint", new TreeSet<>(ids).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    generations.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return generations;
    }

    public void bumpGeneration(Connection c, long id) throws SQLException {
        update(c, "UPDATE resource_providers SET generation = generation + 1, updated_at = now() WHERE id = ?", id);
    }

    public void bumpGenerations(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE resource_providers SET generation = generation + 1,"
                + " updated_at = now() WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    public boolean hasChildren(Connection c, long id) throws SQLException {
        return exists(c, "SELECT 1 FROM resource_providers WHERE parent_id = ?", id);
    }

    public boolean hasAllocations(Connection c, long id) throws SQLException {
        return exists(c, "SELECT 1 FROM allocations WHERE provider_id = ?", id);
    }

    public void delete(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM resource_providers WHERE id = ?", id);
    }

    // ---- inventories ------------------------------------------------------------------------------

    public Map<String, InventoryRecord> inventories(Connection c, long providerId) throws SQLException {
        return inventoriesOf(c, List.of(providerId)).getOrDefault(providerId, Map.of());
    }

    public Map<Long, Map<String, InventoryRecord>> inventoriesOf(Connection c, Collection<Long> providerIds)
            throws SQLException {
        Map<Long, Map<String, InventoryRecord>> result = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, resource_class, total, reserved, min_unit,"
                + " max_unit, step_size, allocation_ratio FROM inventories WHERE provider_id = ANY(?)"
                + " ORDER BY provider_id, resource_class")) {
            ps.setArray(1, c.createArrayOf("bigint", providerIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), inventory(rs));
                }
            }
        }
        return result;
    }

    /** Every inventory of every provider (the scheduler's cache load). */
    public Map<Long, Map<String, InventoryRecord>> allInventories(Connection c) throws SQLException {
        Map<Long, Map<String, InventoryRecord>> result = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, resource_class, total, reserved, min_unit,"
                + " max_unit, step_size, allocation_ratio FROM inventories")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), inventory(rs));
                }
            }
        }
        return result;
    }

    private static InventoryRecord inventory(ResultSet rs) throws SQLException {
        return new InventoryRecord(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getDouble(8));
    }

    public void upsertInventory(Connection c, long providerId, InventoryRecord inv) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inventories (provider_id, resource_class, total,"
                + " reserved, min_unit, max_unit, step_size, allocation_ratio) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (provider_id, resource_class) DO UPDATE SET total = EXCLUDED.total,"
                + " reserved = EXCLUDED.reserved, min_unit = EXCLUDED.min_unit, max_unit = EXCLUDED.max_unit,"
                + " step_size = EXCLUDED.step_size, allocation_ratio = EXCLUDED.allocation_ratio")) {
            ps.setLong(1, providerId);
            ps.setString(2, inv.resourceClass());
            ps.setLong(3, inv.total());
            ps.setLong(4, inv.reserved());
            ps.setLong(5, inv.minUnit());
            ps.setLong(6, inv.maxUnit());
            ps.setLong(7, inv.stepSize());
            ps.setDouble(8, inv.allocationRatio());
            ps.executeUpdate();
        }
    }

    public void deleteInventory(Connection c, long providerId, String resourceClass) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM inventories WHERE provider_id = ? AND resource_class = ?")) {
            ps.setLong(1, providerId);
            ps.setString(2, resourceClass);
            ps.executeUpdate();
        }
    }

    /** Resource classes of the provider that have allocations against them, with the amount used. */
    public Map<String, Long> usages(Connection c, long providerId) throws SQLException {
        Map<String, Long> usages = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_class, SUM(used) FROM allocations"
                + " WHERE provider_id = ? GROUP BY resource_class")) {
            ps.setLong(1, providerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return usages;
    }

    public Map<Long, Map<String, Long>> usagesOf(Connection c, Collection<Long> providerIds) throws SQLException {
        Map<Long, Map<String, Long>> usages = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, resource_class, SUM(used) FROM allocations"
                + " WHERE provider_id = ANY(?) GROUP BY provider_id, resource_class")) {
            ps.setArray(1, c.createArrayOf("bigint", providerIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return usages;
    }

    // ---- traits -----------------------------------------------------------------------------------

    public Set<String> traits(Connection c, long providerId) throws SQLException {
        Set<String> traits = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT trait FROM provider_traits WHERE provider_id = ?")) {
            ps.setLong(1, providerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traits.add(rs.getString(1));
                }
            }
        }
        return traits;
    }

    public Map<Long, Set<String>> allTraits(Connection c) throws SQLException {
        Map<Long, Set<String>> result = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, trait FROM provider_traits");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
            }
        }
        return result;
    }

    public void replaceTraits(Connection c, long providerId, Collection<String> traits) throws SQLException {
        update(c, "DELETE FROM provider_traits WHERE provider_id = ?", providerId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_traits (provider_id, trait) VALUES (?, ?)")) {
            for (String trait : new TreeSet<>(traits)) {
                ps.setLong(1, providerId);
                ps.setString(2, trait);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- aggregates -------------------------------------------------------------------------------

    public Set<UUID> aggregates(Connection c, long providerId) throws SQLException {
        Set<UUID> aggregates = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT aggregate_uuid FROM provider_aggregates WHERE provider_id = ?")) {
            ps.setLong(1, providerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    aggregates.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return aggregates;
    }

    public void replaceAggregates(Connection c, long providerId, Collection<UUID> aggregates) throws SQLException {
        update(c, "DELETE FROM provider_aggregates WHERE provider_id = ?", providerId);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO provider_aggregates (provider_id, aggregate_uuid) VALUES (?, ?)")) {
            for (UUID aggregate : new TreeSet<>(aggregates)) {
                ps.setLong(1, providerId);
                ps.setObject(2, aggregate);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Optional<ProviderRecord> one(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<ProviderRecord> found = all(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<ProviderRecord> all(PreparedStatement ps) throws SQLException {
        List<ProviderRecord> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new ProviderRecord(rs.getLong("id"), rs.getObject("uuid", UUID.class), rs.getString("name"),
                        rs.getInt("generation"), rs.getObject("root_uuid", UUID.class),
                        rs.getObject("parent_uuid", UUID.class), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at"))));
            }
        }
        return result;
    }

    static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Object[] array) {
                String type = array instanceof UUID[] ? "uuid" : array instanceof Long[] ? "bigint" : "varchar";
                ps.setArray(i + 1, ps.getConnection().createArrayOf(type, array));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static boolean exists(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql + " LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
