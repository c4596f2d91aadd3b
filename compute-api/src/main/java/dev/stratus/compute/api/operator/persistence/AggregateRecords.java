package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code aggregates}, {@code aggregate_hosts} and {@code aggregate_metadata} tables. */
@ApplicationScoped
public class AggregateRecords {

    private record Head(int id, String uuid, String name, Instant createdAt, Instant updatedAt) {
    }

    private final Db sql;

    public AggregateRecords(Db sql) {
        this.sql = sql;
    }

    public List<AggregateRow> list() {
        return complete(sql.list("select id, uuid, name, created_at, updated_at from aggregates order by id",
                AggregateRecords::head));
    }

    public Optional<AggregateRow> byId(int id) {
        return complete(sql.list("select id, uuid, name, created_at, updated_at from aggregates where id = ?",
                AggregateRecords::head, id)).stream().findFirst();
    }

    /** The aggregates a host belongs to, with all their hosts and metadata. */
    public List<AggregateRow> ofHost(String host) {
        return complete(sql.list("""
                select a.id, a.uuid, a.name, a.created_at, a.updated_at from aggregates a
                join aggregate_hosts h on h.aggregate_id = a.id where h.host = ? order by a.id
                """, AggregateRecords::head, host));
    }

    public boolean nameTaken(String name, Integer exceptId) {
        return sql.count("select count(*) from aggregates where name = ? and id <> ?", name,
                exceptId == null ? -1 : exceptId) > 0;
    }

    public int create(String uuid, String name, Instant now) {
        return sql.one("insert into aggregates (uuid, name, created_at) values (?, ?, ?) returning id",
                rs -> rs.getInt(1), uuid, name, now).orElseThrow();
    }

    public void rename(int id, String name, Instant now) {
        sql.update("update aggregates set name = ?, updated_at = ? where id = ?", name, now, id);
    }

    public void touch(int id, Instant now) {
        sql.update("update aggregates set updated_at = ? where id = ?", now, id);
    }

    public void delete(int id) {
        sql.update("delete from aggregates where id = ?", id);
    }

    public void addHost(int id, String host, Instant now) {
        sql.update("insert into aggregate_hosts (aggregate_id, host, created_at) values (?, ?, ?)", id, host, now);
    }

    public boolean removeHost(int id, String host) {
        return sql.update("delete from aggregate_hosts where aggregate_id = ? and host = ?", id, host) > 0;
    }

    /** Removes a host from every aggregate; returns the ids of the aggregates it left. */
    public List<Integer> removeHostEverywhere(String host) {
        return sql.list("delete from aggregate_hosts where host = ? returning aggregate_id", rs -> rs.getInt(1), host);
    }

    /** Sets (non-null value) or removes (null value) metadata keys. */
    public void updateMetadata(int id, Map<String, String> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                sql.update("delete from aggregate_metadata where aggregate_id = ? and key = ?", id, key);
            } else {
                sql.update("""
                        insert into aggregate_metadata (aggregate_id, key, value) values (?, ?, ?)
                        on conflict (aggregate_id, key) do update set value = excluded.value
                        """, id, key, value);
            }
        });
    }

    /** Every host's availability zones from aggregates, sorted and joined by commas as Nova shows them. */
    public Map<String, String> zonesByHost() {
        Map<String, String> zones = new LinkedHashMap<>();
        sql.list("""
                select h.host, string_agg(distinct m.value, ',' order by m.value) as zones
                from aggregate_hosts h join aggregate_metadata m on m.aggregate_id = h.aggregate_id
                where m.key = ? group by h.host
                """, rs -> zones.put(rs.getString("host"), rs.getString("zones")), AggregateRow.AZ_KEY);
        return zones;
    }

    private static Head head(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Head(rs.getInt("id"), rs.getString("uuid"), rs.getString("name"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    private List<AggregateRow> complete(List<Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        List<String> ids = heads.stream().map(h -> Integer.toString(h.id())).toList();
        Map<Integer, List<String>> hosts = new LinkedHashMap<>();
        sql.list("select aggregate_id, host from aggregate_hosts where aggregate_id::text = any(?) order by created_at, host",
                rs -> hosts.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2)), ids);
        Map<Integer, Map<String, String>> metadata = new LinkedHashMap<>();
        sql.list("select aggregate_id, key, value from aggregate_metadata where aggregate_id::text = any(?)",
                rs -> metadata.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)),
                ids);
        return heads.stream().map(h -> new AggregateRow(h.id(), h.uuid(), h.name(), h.createdAt(), h.updatedAt(),
                List.copyOf(hosts.getOrDefault(h.id(), List.of())),
                java.util.Collections.unmodifiableMap(metadata.getOrDefault(h.id(), new TreeMap<>())))).toList();
    }
}
