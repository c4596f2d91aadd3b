package dev.stratus.image.metadef.service;

import dev.stratus.image.metadef.persistence.NamespaceRepository;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code GET /v2/metadefs/namespaces}: {@code limit} (25 by default, at most 1000), {@code marker}
 * (a namespace name), {@code sort_key} ({@code created_at}), {@code sort_dir} ({@code desc}), and the filters
 * {@code visibility} and {@code resource_types} (comma-separated; namespaces associated with any of them).
 */
public record NamespaceListQuery(int limit, String marker, String sortKey, boolean ascending, String visibility,
        List<String> resourceTypes) {

    /** Checked in Glance's order: the limit's form, the direction, the visibility, the limit's sign. */
    public static NamespaceListQuery of(Map<String, List<String>> params) {
        String limitParam = first(params, "limit");
        int limit = limitParam == null ? ListParameters.DEFAULT_LIMIT
                : Math.min(ListParameters.MAX_LIMIT, ListParameters.integer(limitParam));
        boolean ascending = ListParameters.ascending(first(params, "sort_dir"));
        String visibility = first(params, "visibility");
        ListParameters.visibility(visibility, Set.of("public", "private"));
        ListParameters.positive(limit, true);
        String sortKey = ListParameters.sortKey(first(params, "sort_key"), NamespaceRepository.SORT_KEYS);
        String types = first(params, "resource_types");
        return new NamespaceListQuery(limit, first(params, "marker"), sortKey, ascending,
                visibility == null || visibility.isEmpty() ? null : visibility,
                types == null ? null : Arrays.stream(types.split(",")).toList());
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
