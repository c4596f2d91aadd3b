package dev.stratus.network.rest;

import dev.stratus.network.api.Faults;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a list call's query string as Neutron's API layer does: any attribute as a filter (repeated keys are
 * alternatives, empty values ignored, unknown attributes a 400 with filter-validation), the tag filters,
 * {@code fields}, {@code sort_key}/{@code sort_dir}, {@code limit}/{@code marker}/{@code page_reverse}.
 */
@ApplicationScoped
public class ListParams {

    private static final Set<String> RESERVED = Set.of("fields", "sort_key", "sort_dir", "limit", "marker",
            "page_reverse", "tags", "tags-any", "not-tags", "not-tags-any");

    /** A parsed list call: what to fetch, and which fields to show. */
    public record Parsed(ListQuery query, List<String> fields) {
    }

    private final NetworkSettings settings;

    public ListParams(NetworkSettings settings) {
        this.settings = settings;
    }

    public Parsed parse(UriInfo uri, ResourceColumns columns) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        if (params.containsKey("tenant_id") && params.containsKey("project_id")) {
            throw Faults.of(400, "TenantIdProjectIdFilterConflict", "Both tenant_id and project_id passed as filters.");
        }
        List<String> invalid = new ArrayList<>();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        params.forEach((key, values) -> {
            if (RESERVED.contains(key)) {
                return;
            }
            if (!columns.filterable().contains(key)) {
                invalid.add(key);
                return;
            }
            List<String> nonEmpty = values.stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!nonEmpty.isEmpty()) {
                filters.put(key, nonEmpty);
            }
        });
        if (!invalid.isEmpty()) {
            throw Faults.badRequest(pythonList(invalid) + " is invalid attribute for filtering");
        }
        List<ListQuery.Filter> filterList = filters.entrySet().stream()
                .map(e -> new ListQuery.Filter(e.getKey(), e.getValue())).toList();
        ListQuery.TagFilter tags = new ListQuery.TagFilter(tagList(params, "tags"), tagList(params, "tags-any"),
                tagList(params, "not-tags"), tagList(params, "not-tags-any"));
        return new Parsed(new ListQuery(filterList, tags, sorts(params, columns), limit(params),
                first(params, "marker"), "true".equalsIgnoreCase(first(params, "page_reverse"))),
                nonEmpty(params.get("fields")));
    }

    private static List<ListQuery.SortKey> sorts(MultivaluedMap<String, String> params, ResourceColumns columns) {
        List<String> keys = nonEmpty(params.get("sort_key"));
        List<String> dirs = nonEmpty(params.get("sort_dir"));
        if (keys.size() != dirs.size()) {
            throw Faults.badRequest("The number of sort_keys and sort_dirs must be same");
        }
        List<String> absent = keys.stream().filter(k -> !columns.sortable().contains(k)).toList();
        if (!absent.isEmpty()) {
            throw Faults.badRequest(pythonList(absent) + " is invalid attribute for sort_keys");
        }
        List<String> badDirs = dirs.stream().filter(d -> !d.equals("asc") && !d.equals("desc")).toList();
        if (!badDirs.isEmpty()) {
            throw Faults.badRequest(pythonList(badDirs) + " is invalid value for sort_dirs, valid value is 'asc' and "
                    + "'desc'");
        }
        List<ListQuery.SortKey> sorts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            sorts.add(new ListQuery.SortKey(keys.get(i), dirs.get(i).equals("asc")));
        }
        return sorts;
    }

    /** Neutron's limit: 0 or absent means none, capped by pagination_max_limit when one is set. */
    private Integer limit(MultivaluedMap<String, String> params) {
        String text = first(params, "limit");
        int limit = 0;
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw Faults.badRequest("limit", "Limit must be an integer 0 or greater and not '" + text + "'");
            }
        }
        Integer max = settings.paginationMaxLimit().filter(m -> m > 0).orElse(null);
        if (max != null) {
            limit = limit == 0 ? max : Math.min(max, limit);
        }
        return limit == 0 ? null : limit;
    }

    private static List<String> tagList(MultivaluedMap<String, String> params, String key) {
        List<String> out = new ArrayList<>();
        for (String value : nonEmpty(params.get(key))) {
            Arrays.stream(value.split(",")).filter(t -> !t.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static String first(MultivaluedMap<String, String> params, String key) {
        List<String> values = nonEmpty(params.get(key));
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> nonEmpty(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }

    static String pythonList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(i -> "'" + i + "'").toList()) + "]";
    }
}
