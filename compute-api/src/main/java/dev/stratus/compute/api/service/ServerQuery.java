package dev.stratus.compute.api.service;

import dev.stratus.compute.api.view.Links;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /servers[/detail]} as one SQL query: Nova's filters, sort keys and keyset paging after the
 * marker's sort values, so a page costs the same whatever its position.
 */
@ApplicationScoped
public class ServerQuery {

    /** A sort key: its SQL expression (null-safe, so that rows compare totally) and its Java value. */
    private record SortKey(String expression, java.util.function.Function<InstanceRow, Object> value) {
    }

    private static final Map<String, SortKey> SORT_KEYS = Map.ofEntries(
            Map.entry("created_at", new SortKey("i.created_at", InstanceRow::createdAt)),
            Map.entry("updated_at", new SortKey("coalesce(i.updated_at, i.created_at)",
                    r -> r.updatedAt() != null ? r.updatedAt() : r.createdAt())),
            Map.entry("display_name", new SortKey("i.display_name", InstanceRow::displayName)),
            Map.entry("display_description", new SortKey("coalesce(i.display_description, '')",
                    r -> r.displayDescription() == null ? "" : r.displayDescription())),
            Map.entry("uuid", new SortKey("i.uuid", InstanceRow::uuid)),
            Map.entry("vm_state", new SortKey("i.vm_state", InstanceRow::vmState)),
            Map.entry("task_state", new SortKey("coalesce(i.task_state, '')",
                    r -> r.taskState() == null ? "" : r.taskState())),
            Map.entry("power_state", new SortKey("i.power_state", InstanceRow::powerState)),
            Map.entry("host", new SortKey("coalesce(i.host, '')", r -> r.host() == null ? "" : r.host())),
            Map.entry("node", new SortKey("coalesce(i.node, '')", r -> r.node() == null ? "" : r.node())),
            Map.entry("hostname", new SortKey("coalesce(i.hostname, '')",
                    r -> r.hostname() == null ? "" : r.hostname())),
            Map.entry("image_ref", new SortKey("coalesce(i.image_ref, '')",
                    r -> r.imageRef() == null ? "" : r.imageRef())),
            Map.entry("instance_type_id", new SortKey("i.instance_type_id", InstanceRow::flavorId)),
            Map.entry("key_name", new SortKey("coalesce(i.key_name, '')",
                    r -> r.keyName() == null ? "" : r.keyName())),
            Map.entry("availability_zone", new SortKey("coalesce(i.availability_zone, '')",
                    r -> r.availabilityZone() == null ? "" : r.availabilityZone())),
            Map.entry("project_id", new SortKey("i.project_id", InstanceRow::projectId)),
            Map.entry("user_id", new SortKey("i.user_id", InstanceRow::userId)),
            Map.entry("launch_index", new SortKey("i.launch_index", InstanceRow::launchIndex)),
            Map.entry("locked", new SortKey("i.locked", InstanceRow::locked)),
            Map.entry("config_drive", new SortKey("i.config_drive", InstanceRow::configDrive)),
            Map.entry("progress", new SortKey("i.progress", InstanceRow::progress)),
            Map.entry("launched_at", new SortKey("coalesce(i.launched_at, 'epoch'::timestamptz)",
                    r -> r.launchedAt() == null ? Instant.EPOCH : r.launchedAt())),
            Map.entry("terminated_at", new SortKey("coalesce(i.terminated_at, 'epoch'::timestamptz)",
                    r -> r.terminatedAt() == null ? Instant.EPOCH : r.terminatedAt())),
            Map.entry("root_device_name", new SortKey("coalesce(i.root_device_name, '')",
                    r -> r.rootDeviceName() == null ? "" : r.rootDeviceName())),
            Map.entry("reservation_id", new SortKey("i.reservation_id", InstanceRow::reservationId)),
            Map.entry("access_ip_v4", new SortKey("coalesce(i.access_ip_v4, '')",
                    r -> r.accessIpV4() == null ? "" : r.accessIpV4())),
            Map.entry("access_ip_v6", new SortKey("coalesce(i.access_ip_v6, '')",
                    r -> r.accessIpV6() == null ? "" : r.accessIpV6())));

    /** Sort keys non-admins may not use (Nova's SERVER_LIST_IGNORE_SORT_KEY_FOR_NON_ADMIN); ignored for them. */
    private static final Set<String> ADMIN_SORT_KEYS = Set.of("host", "node", "power_state", "launch_index",
            "root_device_name", "reservation_id", "hostname");

    private final InstanceRepository instances;

    public ServerQuery(InstanceRepository instances) {
        this.instances = instances;
    }

    /** {@code limit + 1} rows for the caller, filtered, sorted and after the marker. */
    public List<InstanceRow> list(AuthContext caller, MultivaluedMap<String, String> q, ApiVersion version, int limit,
            String marker) {
        boolean admin = ComputeRules.isAdmin(caller);
        StringBuilder where = new StringBuilder("where true");
        List<Object> params = new ArrayList<>();

        boolean allTenants = admin && q.containsKey("all_tenants") && !"false".equalsIgnoreCase(
                q.getFirst("all_tenants")) && !"0".equals(q.getFirst("all_tenants"));
        // As in Nova, project_id/tenant_id only narrow an all_tenants listing; alone they are ignored.
        String project = allTenants ? first(q, "project_id", first(q, "tenant_id", null)) : null;
        if (project != null) {
            where.append(" and i.project_id = ?");
            params.add(project);
        } else if (!allTenants) {
            where.append(" and i.project_id = ?");
            params.add(caller.projectId());
        }

        boolean deletedToo = false;
        String changesSince = q.getFirst("changes-since");
        String deleted = q.getFirst("deleted");
        if (changesSince != null) {
            where.append(" and coalesce(i.updated_at, i.created_at) >= ?");
            params.add(time("changes-since", changesSince));
            deletedToo = true;
        }
        String changesBefore = version.atLeast("2.66") ? q.getFirst("changes-before") : null;
        if (changesBefore != null) {
            Instant before = time("changes-before", changesBefore);
            if (changesSince != null && before.isBefore(time("changes-since", changesSince))) {
                throw ApiException.badRequest("The value of changes-since must be less than or equal to changes-before.");
            }
            where.append(" and coalesce(i.updated_at, i.created_at) <= ?");
            params.add(before);
            deletedToo = true;
        }
        if (admin && deleted != null && isTrue(deleted)) {
            where.append(" and i.deleted_at is not null");
        } else if (!deletedToo) {
            where.append(" and i.deleted_at is null");
        }

        String status = q.getFirst("status");
        if (status != null) {
            List<String> conditions = new ArrayList<>();
            for (String s : q.get("status")) {
                if (s.equalsIgnoreCase("DELETED") && !deletedToo && !admin) {
                    continue;
                }
                InstanceStatus.Condition c = InstanceStatus.condition(s);
                if (c == null) {
                    if (version.atLeast("2.38")) {
                        throw ApiException.badRequest("Invalid status value");
                    }
                    continue;
                }
                conditions.add(c.sql());
                params.addAll(c.params());
            }
            if (conditions.isEmpty()) {
                return List.of();
            }
            where.append(" and (").append(String.join(" or ", conditions)).append(')');
        }
        regex(q, "name", "i.display_name", where, params);
        exact(q, "image", "i.image_ref", where, params, Links::idOf);
        exact(q, "flavor", "i.instance_type_id", where, params, Links::idOf);
        exact(q, "reservation_id", "i.reservation_id", where, params, v -> v);
        exact(q, "availability_zone", "i.availability_zone", where, params, v -> v);
        exact(q, "key_name", "i.key_name", where, params, v -> v);
        exact(q, "uuid", "i.uuid", where, params, v -> v);
        if (version.atLeast("2.19")) {
            regex(q, "description", "coalesce(i.display_description, '')", where, params);
        }
        if (version.atLeast("2.73") && q.getFirst("locked") != null) {
            where.append(" and i.locked = ?");
            params.add(isTrue(q.getFirst("locked")));
        }
        if (q.getFirst("ip") != null || q.getFirst("ip6") != null) {
            String ip = q.getFirst("ip") != null ? q.getFirst("ip") : q.getFirst("ip6");
            checkRegex("ip", ip);
            where.append(" and exists (select 1 from instance_nics n, unnest(n.fixed_ips || n.floating_ips) a"
                    + " where n.instance_uuid = i.uuid and a ~ ?)");
            params.add(ip);
        }
        if (admin || version.atLeast("2.83")) {
            exact(q, "user_id", "i.user_id", where, params, v -> v);
        }
        if (admin) {
            exact(q, "host", "i.host", where, params, v -> v);
            exact(q, "node", "i.node", where, params, v -> v);
            regex(q, "hostname", "coalesce(i.hostname, '')", where, params);
            exact(q, "task_state", "i.task_state", where, params, v -> v);
            exact(q, "vm_state", "i.vm_state", where, params, v -> v);
            if (q.getFirst("power_state") != null) {
                where.append(" and i.power_state = ?");
                params.add(integer("power_state", q.getFirst("power_state")));
            }
        }
        if (version.atLeast("2.26")) {
            tags(q, where, params);
        }

        List<String> keys = new ArrayList<>(q.getOrDefault("sort_key", List.of()));
        List<String> dirs = new ArrayList<>(q.getOrDefault("sort_dir", List.of()));
        List<String> sortKeys = new ArrayList<>();
        List<Boolean> ascending = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            String key = keys.get(k);
            if (!SORT_KEYS.containsKey(key)) {
                throw ApiException.badRequest("Invalid input for query parameters sort_key. Value: " + key + ".");
            }
            String dir = k < dirs.size() ? dirs.get(k) : "desc";
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw ApiException.badRequest("Invalid input for query parameters sort_dir. Value: " + dir + ".");
            }
            if (!admin && ADMIN_SORT_KEYS.contains(key)) {
                continue;
            }
            sortKeys.add(key);
            ascending.add(dir.equals("asc"));
        }
        if (sortKeys.isEmpty()) {
            sortKeys.add("created_at");
            ascending.add(false);
        }
        String tieDir = ascending.get(ascending.size() - 1) ? "asc" : "desc";

        if (marker != null) {
            InstanceRow m = instances.find(marker).filter(r -> admin || r.projectId().equals(caller.projectId()))
                    .orElseThrow(() -> ApiException.badRequest("marker [" + marker + "] not found"));
            keyset(where, params, sortKeys, ascending, m);
        }
        StringBuilder order = new StringBuilder(" order by ");
        for (int k = 0; k < sortKeys.size(); k++) {
            order.append(SORT_KEYS.get(sortKeys.get(k)).expression()).append(ascending.get(k) ? " asc" : " desc")
                    .append(", ");
        }
        order.append("i.id ").append(tieDir);
        params.add(limit + 1);
        return instances.query(where + order.toString() + " limit ?", params.toArray());
    }

    /**
     * Rows strictly after the marker in the sort order: {@code (k1 > m1) or (k1 = m1 and k2 > m2) ... and
     * finally the id}; a single-direction order compares row values, which the (created_at, id) index serves.
     */
    private static void keyset(StringBuilder where, List<Object> params, List<String> keys, List<Boolean> asc,
            InstanceRow m) {
        boolean uniform = asc.stream().distinct().count() == 1;
        if (uniform) {
            StringBuilder left = new StringBuilder("(");
            StringBuilder right = new StringBuilder("(");
            for (String key : keys) {
                left.append(SORT_KEYS.get(key).expression()).append(", ");
                right.append("?, ");
                params.add(sqlValue(SORT_KEYS.get(key).value().apply(m)));
            }
            left.append("i.id)");
            right.append("?)");
            params.add(m.id());
            where.append(" and ").append(left).append(asc.get(0) ? " > " : " < ").append(right);
            return;
        }
        List<String> ors = new ArrayList<>();
        for (int k = 0; k <= keys.size(); k++) {
            StringBuilder and = new StringBuilder("(");
            for (int e = 0; e < k; e++) {
                and.append(SORT_KEYS.get(keys.get(e)).expression()).append(" = ? and ");
                params.add(sqlValue(SORT_KEYS.get(keys.get(e)).value().apply(m)));
            }
            if (k < keys.size()) {
                and.append(SORT_KEYS.get(keys.get(k)).expression()).append(asc.get(k) ? " > ?" : " < ?");
                params.add(sqlValue(SORT_KEYS.get(keys.get(k)).value().apply(m)));
            } else {
                and.append("i.id").append(asc.get(asc.size() - 1) ? " > ?" : " < ?");
                params.add(m.id());
            }
            ors.add(and.append(')').toString());
        }
        where.append(" and (").append(String.join(" or ", ors)).append(')');
    }

    private static Object sqlValue(Object v) {
        return v;
    }

    private static void tags(MultivaluedMap<String, String> q, StringBuilder where, List<Object> params) {
        String all = q.getFirst("tags");
        if (all != null) {
            List<String> tags = split(all);
            where.append(" and (select count(distinct t.tag) from instance_tags t where t.instance_uuid = i.uuid"
                    + " and t.tag = any(?)) = ?");
            params.add(tags);
            params.add(tags.size());
        }
        String any = q.getFirst("tags-any");
        if (any != null) {
            where.append(" and exists (select 1 from instance_tags t where t.instance_uuid = i.uuid and t.tag = any(?))");
            params.add(split(any));
        }
        String notAll = q.getFirst("not-tags");
        if (notAll != null) {
            List<String> tags = split(notAll);
            where.append(" and (select count(distinct t.tag) from instance_tags t where t.instance_uuid = i.uuid"
                    + " and t.tag = any(?)) < ?");
            params.add(tags);
            params.add(tags.size());
        }
        String notAny = q.getFirst("not-tags-any");
        if (notAny != null) {
            where.append(" and not exists (select 1 from instance_tags t where t.instance_uuid = i.uuid"
                    + " and t.tag = any(?))");
            params.add(split(notAny));
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void exact(MultivaluedMap<String, String> q, String param, String column, StringBuilder where,
            List<Object> params, java.util.function.UnaryOperator<String> normalize) {
        String v = q.getFirst(param);
        if (v != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(normalize.apply(v));
        }
    }

    /** Nova matches name, ip, hostname and description as regular expressions (a plain word is a substring). */
    private static void regex(MultivaluedMap<String, String> q, String param, String column, StringBuilder where,
            List<Object> params) {
        String v = q.getFirst(param);
        if (v != null) {
            checkRegex(param, v);
            where.append(" and ").append(column).append(" ~ ?");
            params.add(v);
        }
    }

    private static void checkRegex(String param, String value) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("Invalid input for query parameters " + param + ". Value: " + value
                    + ". It is not a valid regular expression.");
        }
    }

    private static boolean isTrue(String v) {
        return switch (v.toLowerCase()) {
            case "true", "1", "yes", "y", "t", "on" -> true;
            default -> false;
        };
    }

    private static int integer(String param, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid input for query parameters " + param + ". Value: " + v + ".");
        }
    }

    private static String first(MultivaluedMap<String, String> q, String key, String fallback) {
        String v = q.getFirst(key);
        return v != null ? v : fallback;
    }

    /** ISO 8601 as Nova accepts it: with a zone, or naive meaning UTC. */
    public static Instant time(String param, String value) {
        try {
            return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("Invalid input for query parameters " + param + ". Value: " + value
                        + ". '" + value + "' is not a 'date-time'");
            }
        }
    }
}
