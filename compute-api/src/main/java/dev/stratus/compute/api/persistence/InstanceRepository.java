package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Instances and the rows that hang off them. */
@ApplicationScoped
public class InstanceRepository {

    static final String COLUMNS = "i.id, i.uuid, i.project_id, i.user_id, i.display_name, i.display_description,"
            + " i.hostname, i.host, i.node, i.vm_state, i.task_state, i.power_state, i.instance_type_id,"
            + " i.flavor_name, i.vcpus, i.memory_mb, i.root_gb, i.ephemeral_gb, i.swap, i.flavor_extra_specs::text"
            + " as flavor_extra_specs, i.image_ref, i.key_name, i.key_data, i.user_data, i.availability_zone,"
            + " i.config_drive, i.access_ip_v4, i.access_ip_v6, i.reservation_id, i.launch_index, i.disk_config,"
            + " i.locked, i.locked_by, i.locked_reason, i.progress, i.root_device_name, i.last_report_sequence,"
            + " i.launched_at, i.terminated_at, i.created_at, i.updated_at, i.deleted_at";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final Db db;

    public InstanceRepository(Db db) {
        this.db = db;
    }

    public Db db() {
        return db;
    }

    public Optional<InstanceRow> find(String uuid) {
        return db.one("select " + COLUMNS + " from instances i where i.uuid = ?", InstanceRepository::row, uuid);
    }

    /** Locks the row until the transaction ends (state changes are read-modify-write). */
    public Optional<InstanceRow> lockForUpdate(String uuid) {
        return db.one("select " + COLUMNS + " from instances i where i.uuid = ? for update", InstanceRepository::row,
                uuid);
    }

    public List<InstanceRow> query(String whereOrderLimit, Object... params) {
        return db.list("select " + COLUMNS + " from instances i " + whereOrderLimit, InstanceRepository::row, params);
    }

    public void insert(InstanceRow i) {
        db.update("insert into instances (uuid, project_id, user_id, display_name, display_description, hostname,"
                + " vm_state, task_state, power_state, instance_type_id, flavor_name, vcpus, memory_mb, root_gb,"
                + " ephemeral_gb, swap, flavor_extra_specs, image_ref, key_name, key_data, user_data,"
                + " availability_zone, config_drive, access_ip_v4, access_ip_v6, reservation_id, launch_index,"
                + " disk_config, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.uuid(), i.projectId(), i.userId(), i.displayName(), i.displayDescription(), i.hostname(),
                i.vmState(), i.taskState(), i.powerState(), i.flavorId(), i.flavorName(), i.vcpus(), i.memoryMb(),
                i.rootGb(), i.ephemeralGb(), i.swap(), json(i.flavorExtraSpecs()), i.imageRef(), i.keyName(),
                i.keyData(), i.userData(), i.availabilityZone(), i.configDrive(), i.accessIpV4(), i.accessIpV6(),
                i.reservationId(), i.launchIndex(), i.diskConfig(), i.createdAt(), i.createdAt());
    }

    public void insertMetadata(String uuid, Map<String, String> metadata) {
        List<Object[]> rows = new ArrayList<>();
        metadata.forEach((k, v) -> rows.add(new Object[] {uuid, k, v}));
        db.batch("insert into instance_metadata (instance_uuid, key, value) values (?, ?, ?)"
                + " on conflict (instance_uuid, key) do update set value = excluded.value", rows);
    }

    public void replaceMetadata(String uuid, Map<String, String> metadata) {
        db.update("delete from instance_metadata where instance_uuid = ?", uuid);
        insertMetadata(uuid, metadata);
    }

    public boolean deleteMetadata(String uuid, String key) {
        return db.update("delete from instance_metadata where instance_uuid = ? and key = ?", uuid, key) > 0;
    }

    public Map<String, String> metadata(String uuid) {
        Map<String, String> out = new TreeMap<>();
        db.list("select key, value from instance_metadata where instance_uuid = ?", rs -> out.put(rs.getString(1),
                rs.getString(2)), uuid);
        return out;
    }

    public void insertTags(String uuid, List<String> tags) {
        List<Object[]> rows = new ArrayList<>();
        tags.forEach(t -> rows.add(new Object[] {uuid, t}));
        db.batch("insert into instance_tags (instance_uuid, tag) values (?, ?) on conflict do nothing", rows);
    }

    public void replaceTags(String uuid, List<String> tags) {
        db.update("delete from instance_tags where instance_uuid = ?", uuid);
        insertTags(uuid, tags);
    }

    public boolean deleteTag(String uuid, String tag) {
        return db.update("delete from instance_tags where instance_uuid = ? and tag = ?", uuid, tag) > 0;
    }

    public List<String> tags(String uuid) {
        return db.list("select tag from instance_tags where instance_uuid = ? order by tag", rs -> rs.getString(1), uuid);
    }

    public void insertSecurityGroups(String uuid, List<String> names) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(new Object[] {uuid, names.get(i), i});
        }
        db.batch("insert into instance_security_groups (instance_uuid, name, position) values (?, ?, ?)"
                + " on conflict do nothing", rows);
    }

    public boolean addSecurityGroup(String uuid, String name) {
        return db.update("insert into instance_security_groups (instance_uuid, name, position) select ?, ?,"
                + " coalesce(max(position) + 1, 0) from instance_security_groups where instance_uuid = ?"
                + " on conflict do nothing", uuid, name, uuid) > 0;
    }

    public boolean removeSecurityGroup(String uuid, String name) {
        return db.update("delete from instance_security_groups where instance_uuid = ? and name = ?", uuid, name) > 0;
    }

    public void insertNics(String uuid, List<NicRow> nics) {
        List<Object[]> rows = new ArrayList<>();
        for (NicRow n : nics) {
            rows.add(new Object[] {uuid, n.position(), n.networkId(), n.networkName(), n.portId(), n.requestedIp(),
                    n.macAddress(), n.tag(), n.fixedIps(), n.floatingIps(), n.portOwned()});
        }
        db.batch("insert into instance_nics (instance_uuid, position, network_id, network_name, port_id, fixed_ip,"
                + " mac_address, tag, fixed_ips, floating_ips, port_owned) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    /** Adds a NIC after the instance's others (an interface attach); returns it with its position. */
    public NicRow appendNic(String uuid, NicRow nic) {
        int position = db.one("select coalesce(max(position) + 1, 0) from instance_nics where instance_uuid = ?",
                rs -> rs.getInt(1), uuid).orElse(0);
        NicRow placed = new NicRow(position, nic.networkId(), nic.networkName(), nic.portId(), nic.requestedIp(),
                nic.macAddress(), nic.tag(), nic.fixedIps(), nic.floatingIps(), nic.portOwned());
        insertNics(uuid, List.of(placed));
        return placed;
    }

    /** Removes the NIC of a port (an interface detach); whether there was one. */
    public boolean removeNic(String uuid, String portId) {
        return db.update("delete from instance_nics where instance_uuid = ? and port_id = ?", uuid, portId) > 0;
    }

    /** The NICs of one instance, in attach order. */
    public List<NicRow> nics(String uuid) {
        return db.list(NIC_COLUMNS + " where instance_uuid = ? order by position", InstanceRepository::nic, uuid);
    }

    /** What network-service now says of a NIC's port: its addresses (and MAC), keyed by position. */
    public void updateNic(String uuid, NicRow nic) {
        db.update("update instance_nics set port_id = ?, mac_address = ?, fixed_ips = ?, floating_ips = ?,"
                + " port_owned = ? where instance_uuid = ? and position = ?", nic.portId(), nic.macAddress(),
                nic.fixedIps(), nic.floatingIps(), nic.portOwned(), uuid, nic.position());
    }

    /** NICs whose port is one of these (a network change names ports). */
    public List<String> instancesWithPorts(java.util.Collection<String> portIds) {
        return db.list("select distinct n.instance_uuid from instance_nics n join instances i on i.uuid = n.instance_uuid"
                + " where n.port_id = any(?) and i.deleted_at is null", rs -> rs.getString(1), portIds);
    }

    private static final String NIC_COLUMNS = "select instance_uuid, position, network_id, network_name, port_id,"
            + " fixed_ip, mac_address, tag, fixed_ips, floating_ips, port_owned from instance_nics";

    private static NicRow nic(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new NicRow(rs.getInt("position"), rs.getString("network_id"), rs.getString("network_name"),
                rs.getString("port_id"), rs.getString("fixed_ip"), rs.getString("mac_address"), rs.getString("tag"),
                Db.strings(rs, "fixed_ips"), Db.strings(rs, "floating_ips"), rs.getBoolean("port_owned"));
    }

    public void insertFault(String uuid, int code, String message, String details, String host) {
        db.update("insert into instance_faults (instance_uuid, code, message, details, host) values (?, ?, ?, ?, ?)",
                uuid, code, message, details, host);
    }

    /** Everything the views show, for many instances in one query per related table. */
    public List<InstanceDetails> details(List<InstanceRow> rows, boolean withServerGroups) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(InstanceRow::uuid).toList();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        db.list("select instance_uuid, key, value from instance_metadata where instance_uuid = any(?)", rs -> metadata
                .computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)), ids);
        Map<String, List<String>> tags = new HashMap<>();
        db.list("select instance_uuid, tag from instance_tags where instance_uuid = any(?) order by tag", rs -> tags
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)), ids);
        Map<String, List<String>> groups = new HashMap<>();
        db.list("select instance_uuid, name from instance_security_groups where instance_uuid = any(?)"
                + " order by position", rs -> groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)), ids);
        Map<String, List<NicRow>> nics = new HashMap<>();
        db.list(NIC_COLUMNS + " where instance_uuid = any(?) order by instance_uuid, position", rs -> nics
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(nic(rs)), ids);
        List<String> faulty = rows.stream().filter(r -> "error".equals(r.vmState()) || "deleted".equals(r.vmState()))
                .map(InstanceRow::uuid).toList();
        Map<String, FaultRow> faults = new HashMap<>();
        if (!faulty.isEmpty()) {
            db.list("select distinct on (instance_uuid) instance_uuid, code, message, details, created_at"
                    + " from instance_faults where instance_uuid = any(?) order by instance_uuid, id desc",
                    rs -> faults.put(rs.getString(1), new FaultRow(rs.getInt(2), rs.getString(3), rs.getString(4),
                            Db.instant(rs, "created_at"))), faulty);
        }
        Map<String, List<String>> serverGroups = new HashMap<>();
        if (withServerGroups) {
            db.list("select instance_uuid, group_uuid from instance_group_member where instance_uuid = any(?)",
                    rs -> serverGroups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)),
                    ids);
        }
        List<InstanceDetails> out = new ArrayList<>(rows.size());
        for (InstanceRow r : rows) {
            out.add(new InstanceDetails(r, metadata.getOrDefault(r.uuid(), Map.of()), tags.getOrDefault(r.uuid(),
                    List.of()), groups.getOrDefault(r.uuid(), List.of()), nics.getOrDefault(r.uuid(), List.of()),
                    faults.get(r.uuid()), serverGroups.getOrDefault(r.uuid(), List.of())));
        }
        return out;
    }

    static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> map(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(JSON.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static InstanceRow row(ResultSet rs) throws SQLException {
        return new InstanceRow(rs.getLong("id"), rs.getString("uuid"), rs.getString("project_id"),
                rs.getString("user_id"), rs.getString("display_name"), rs.getString("display_description"),
                rs.getString("hostname"), rs.getString("host"), rs.getString("node"), rs.getString("vm_state"),
                rs.getString("task_state"), rs.getInt("power_state"), rs.getString("instance_type_id"),
                rs.getString("flavor_name"), rs.getInt("vcpus"), rs.getInt("memory_mb"), rs.getInt("root_gb"),
                rs.getInt("ephemeral_gb"), rs.getInt("swap"), map(rs.getString("flavor_extra_specs")),
                rs.getString("image_ref"), rs.getString("key_name"), rs.getString("key_data"),
                rs.getString("user_data"), rs.getString("availability_zone"), rs.getBoolean("config_drive"),
                rs.getString("access_ip_v4"), rs.getString("access_ip_v6"), rs.getString("reservation_id"),
                rs.getInt("launch_index"), rs.getString("disk_config"), rs.getBoolean("locked"),
                rs.getString("locked_by"), rs.getString("locked_reason"), rs.getInt("progress"),
                rs.getString("root_device_name"), rs.getLong("last_report_sequence"), Db.instant(rs, "launched_at"),
                Db.instant(rs, "terminated_at"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"),
                Db.instant(rs, "deleted_at"));
    }
}
