package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code GET /v2/images} query parameters into one HQL query: visibility for the caller, Glance's
 * filters (core attributes, {@code id=in:}, sizes, time comparisons, tags, custom properties) and sort.
 */
public final class ImageQuery {

    private static final Set<String> SORT_KEYS = Set.of("created_at", "updated_at", "name", "size", "id", "status",
            "disk_format", "container_format", "visibility", "min_disk", "min_ram");
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("created_at", "createdAt"), Map.entry("updated_at", "updatedAt"), Map.entry("name", "name"),
            Map.entry("size", "size"), Map.entry("id", "id"), Map.entry("status", "status"),
            Map.entry("disk_format", "diskFormat"), Map.entry("container_format", "containerFormat"),
            Map.entry("visibility", "visibility"), Map.entry("min_disk", "minDisk"), Map.entry("min_ram", "minRam"),
            Map.entry("owner", "owner"), Map.entry("protected", "isProtected"), Map.entry("os_hidden", "osHidden"));
    /** Paging and sorting parameters, never property filters. */
    private static final Set<String> CONTROL = Set.of("limit", "marker", "sort", "sort_key", "sort_dir",
            "member_status", "visibility", "tag", "size", "size_min", "size_max");

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final List<Object> params = new ArrayList<>();
    private String orderBy = "i.createdAt desc, i.id desc";

    public String hql() {
        return "from ImageEntity i where " + where + " order by " + orderBy;
    }

    public Object[] params() {
        return params.toArray();
    }

    private String param(Object value) {
        params.add(value);
        return "?" + params.size();
    }

    public static ImageQuery of(AuthContext caller, boolean admin, Map<String, List<String>> query) {
        ImageQuery q = new ImageQuery();
        q.visibility(caller, admin, first(query, "visibility"), first(query, "member_status"));
        if (!"true".equalsIgnoreCase(first(query, "os_hidden"))) {
            q.where.append(" and i.osHidden = false");
        }
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            for (String value : e.getValue()) {
                q.filter(key, value);
            }
        }
        q.sort(query);
        return q;
    }

    private void visibility(AuthContext caller, boolean admin, String visibility, String memberStatus) {
        String project = caller.projectId() == null ? "" : caller.projectId();
        String status = memberStatus == null ? "accepted" : memberStatus;
        if (memberStatus != null && !Set.of("accepted", "pending", "rejected", "all").contains(memberStatus)) {
            throw ApiException.badRequest("Invalid status value: " + memberStatus);
        }
        // Built on use only: every parameter it registers must appear in the query.
        java.util.function.Supplier<String> member = () -> "exists (select 1 from ImageMemberEntity m"
                + " where m.imageId = i.id and m.memberId = " + param(project)
                + ("all".equals(status) ? "" : " and m.status = " + param(status)) + ")";
        if (visibility == null) {
            if (admin) {
                where.append(" and i.visibility <> 'community'");
            } else {
                where.append(" and (i.owner = ").append(param(project)).append(" or i.visibility = 'public'")
                        .append(" or (i.visibility = 'shared' and ").append(member.get()).append("))");
            }
            return;
        }
        switch (visibility) {
            case "public", "community" -> where.append(" and i.visibility = ").append(param(visibility));
            case "private" -> where.append(" and i.visibility = 'private'")
                    .append(admin ? "" : " and i.owner = " + param(project));
            case "shared" -> where.append(" and i.visibility = 'shared'").append(admin ? ""
                    : " and (i.owner = " + param(project) + " or " + member.get() + ")");
            case "all" -> {
                if (!admin) {
                    where.append(" and (i.owner = ").append(param(project))
                            .append(" or i.visibility in ('public', 'community')")
                            .append(" or (i.visibility = 'shared' and ").append(member.get()).append("))");
                }
            }
            default -> throw ApiException.badRequest("Invalid visibility value: " + visibility);
        }
    }

    private void filter(String key, String value) {
        switch (key) {
            case "id" -> {
                if (value.startsWith("in:")) {
                    List<String> ids = List.of(value.substring(3).split(","));
                    where.append(" and i.id in ").append(param(ids));
                } else {
                    where.append(" and i.id = ").append(param(value));
                }
            }
            case "name", "status", "owner", "disk_format", "container_format" -> {
                if (value.startsWith("in:")) {
                    where.append(" and i.").append(COLUMNS.get(key)).append(" in ")
                            .append(param(List.of(value.substring(3).split(","))));
                } else {
                    where.append(" and i.").append(COLUMNS.get(key)).append(" = ").append(param(value));
                }
            }
            case "protected" -> where.append(" and i.isProtected = ").append(param(parseBool(key, value)));
            case "os_hidden" -> {
                // handled with the default above
            }
            case "size" -> where.append(" and i.size = ").append(param(parseLong(key, value)));
            case "size_min" -> where.append(" and i.size >= ").append(param(parseLong(key, value)));
            case "size_max" -> where.append(" and i.size <= ").append(param(parseLong(key, value)));
            case "created_at", "updated_at" -> timeFilter(COLUMNS.get(key), value);
            case "tag" -> where.append(" and exists (select 1 from ImageTagEntity t where t.imageId = i.id and t.value = ")
                    .append(param(value)).append(")");
            default -> {
                if (!CONTROL.contains(key)) {
                    where.append(" and exists (select 1 from ImagePropertyEntity p where p.imageId = i.id")
                            .append(" and p.name = ").append(param(key)).append(" and p.value = ")
                            .append(param(value)).append(")");
                }
            }
        }
    }

    private void timeFilter(String column, String value) {
        int colon = value.indexOf(':');
        String op = colon > 0 ? value.substring(0, colon) : "eq";
        String time = colon > 0 ? value.substring(colon + 1) : value;
        String sql = switch (op) {
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            case "lte" -> "<=";
            case "eq" -> "=";
            case "neq" -> "<>";
            default -> throw ApiException.badRequest("Invalid operator " + op + " for " + column);
        };
        try {
            where.append(" and i.").append(column).append(' ').append(sql).append(' ')
                    .append(param(Instant.parse(time)));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid time format: " + time);
        }
    }

    private void sort(Map<String, List<String>> query) {
        List<String> keys = new ArrayList<>();
        String sort = first(query, "sort");
        if (sort != null) {
            for (String part : sort.split(",")) {
                String[] kv = part.trim().split(":");
                keys.add(sortTerm(kv[0], kv.length > 1 ? kv[1] : "desc"));
            }
        } else if (query.containsKey("sort_key")) {
            List<String> dirs = query.getOrDefault("sort_dir", List.of());
            List<String> sortKeys = query.get("sort_key");
            for (int n = 0; n < sortKeys.size(); n++) {
                keys.add(sortTerm(sortKeys.get(n), n < dirs.size() ? dirs.get(n) : (dirs.isEmpty() ? "desc"
                        : dirs.get(0))));
            }
        }
        if (!keys.isEmpty()) {
            keys.add("i.id desc");
            orderBy = String.join(", ", keys);
        }
    }

    private static String sortTerm(String key, String dir) {
        if (!SORT_KEYS.contains(key)) {
            throw ApiException.badRequest("Invalid sort key: " + key);
        }
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.badRequest("Invalid sort direction: " + dir);
        }
        return "i." + COLUMNS.get(key) + " " + dir + (dir.equals("asc") ? " nulls first" : " nulls last");
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid value for " + key + ": " + value);
        }
    }

    private static boolean parseBool(String key, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw ApiException.badRequest("Invalid value for " + key + ": " + value);
        }
        return Boolean.parseBoolean(value);
    }
}
