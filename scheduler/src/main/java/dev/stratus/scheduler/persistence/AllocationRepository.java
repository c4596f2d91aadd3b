package dev.stratus.scheduler.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Consumers, their allocations and the tombstones of released consumers; joins the caller's transaction. */
@ApplicationScoped
public class AllocationRepository {

    private static final String SELECT = "SELECT a.consumer_uuid, a.provider_id, p.uuid, a.resource_class, a.used"
            + " FROM allocations a JOIN resource_providers p ON p.id = a.provider_id";

    /**
     * Serialises every change to these consumers' allocations (claim, replace, release) until the
     * transaction ends, in a fixed order so that two transactions never wait for each other in a circle.
     */
    public void lockConsumers(Connection c, Collection<UUID> consumers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            for (UUID consumer : new TreeSet<>(consumers)) {
                ps.setString(1, consumer.toString());
                ps.executeQuery().close();
            }
        }
    }

    public Set<UUID> released(Connection c, Collection<UUID> consumers) throws SQLException {
        Set<UUID> released = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT consumer_uuid FROM released_consumers WHERE consumer_uuid = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", consumers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    released.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return released;
    }

    public void tombstone(Connection c, Collection<UUID> consumers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO released_consumers (consumer_uuid) VALUES (?) ON CONFLICT DO NOTHING")) {
            for (UUID consumer : consumers) {
                ps.setObject(1, consumer);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<AllocationRecord> ofConsumers(Connection c, Collection<UUID> consumers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.consumer_uuid = ANY(?) ORDER BY a.id")) {
            ps.setArray(1, c.createArrayOf("uuid", consumers.toArray()));
            return all(ps);
        }
    }

    public List<AllocationRecord> ofProvider(Connection c, long providerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.provider_id = ? ORDER BY a.id")) {
            ps.setLong(1, providerId);
            return all(ps);
        }
    }

    public List<AllocationRecord> ofProviders(Connection c, Collection<Long> providerIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.provider_id = ANY(?) ORDER BY a.id")) {
            ps.setArray(1, c.createArrayOf("bigint", providerIds.toArray()));
            return all(ps);
        }
    }

    public List<AllocationRecord> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY a.id")) {
            return all(ps);
        }
    }

    public Optional<ConsumerRecord> consumer(Connection c, UUID uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uuid, project_id, user_id, generation FROM consumers WHERE uuid = ?")) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ConsumerRecord(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getInt(4))) : Optional.empty();
            }
        }
    }

    /** Creates the consumer or records its (new) owner, and bumps its generation. */
    public void upsertConsumer(Connection c, UUID uuid, String projectId, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consumers (uuid, project_id, user_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (uuid) DO UPDATE SET project_id = EXCLUDED.project_id, user_id = EXCLUDED.user_id,"
                + " generation = consumers.generation + 1, updated_at = now()")) {
            ps.setObject(1, uuid);
            ps.setString(2, projectId);
            ps.setString(3, userId);
            ps.executeUpdate();
        }
    }

    public void deleteConsumer(Connection c, UUID uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM consumers WHERE uuid = ?")) {
            ps.setObject(1, uuid);
            ps.executeUpdate();
        }
    }

    public void insert(Connection c, UUID consumer, Map<Long, Map<String, Long>> byProvider) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO allocations (provider_id, consumer_uuid,"
                + " resource_class, used) VALUES (?, ?, ?, ?)")) {
            for (var provider : byProvider.entrySet()) {
                for (var resource : provider.getValue().entrySet()) {
                    if (resource.getValue() > 0) {
                        ps.setLong(1, provider.getKey());
                        ps.setObject(2, consumer);
                        ps.setString(3, resource.getKey());
                        ps.setLong(4, resource.getValue());
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    /** Deletes the consumer's allocations (on one provider, or all when {@code providerId} is null). */
    public int delete(Connection c, UUID consumer, Long providerId) throws SQLException {
        String sql = "DELETE FROM allocations WHERE consumer_uuid = ?" + (providerId == null ? "" : " AND provider_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, consumer);
            if (providerId != null) {
                ps.setLong(2, providerId);
            }
            return ps.executeUpdate();
        }
    }

    /** Gives {@code from}'s allocations to {@code to}, which must have none on the same providers. */
    public int reassign(Connection c, UUID from, UUID to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE allocations SET consumer_uuid = ? WHERE consumer_uuid = ?")) {
            ps.setObject(1, to);
            ps.setObject(2, from);
            return ps.executeUpdate();
        }
    }

    /** Sum of allocations per resource class for a project (and user), Placement's /usages. */
    public Map<String, Long> usagesOfProject(Connection c, String projectId, String userId) throws SQLException {
        String sql = "SELECT a.resource_class, SUM(a.used) FROM allocations a JOIN consumers k ON k.uuid = a.consumer_uuid"
                + " WHERE k.project_id = ?" + (userId == null ? "" : " AND k.user_id = ?") + " GROUP BY a.resource_class";
        Map<String, Long> usages = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, projectId);
            if (userId != null) {
                ps.setString(2, userId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return usages;
    }

    private static List<AllocationRecord> all(PreparedStatement ps) throws SQLException {
        List<AllocationRecord> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new AllocationRecord(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getLong(5)));
            }
        }
        return result;
    }
}
