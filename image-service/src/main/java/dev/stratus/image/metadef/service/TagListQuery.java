package dev.stratus.image.metadef.service;

import dev.stratus.image.metadef.persistence.TagRepository;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a namespace's tag list: {@code marker} (a tag name), {@code limit} (none by default; 0 is
 * none), {@code sort_key} ({@code created_at}) and {@code sort_dir} ({@code desc}).
 */
public record TagListQuery(String marker, Integer limit, String sortKey, boolean ascending) {

    public static TagListQuery of(Map<String, List<String>> params) {
        boolean ascending = ListParameters.ascending(first(params, "sort_dir"));
        ListParameters.visibility(first(params, "visibility"), Set.of("public", "private", "shared"));
        String marker = first(params, "marker");
        String limitParam = first(params, "limit");
        Integer limit = null;
        if (limitParam != null && !limitParam.isEmpty()) {
            int value = ListParameters.positive(ListParameters.integer(limitParam), true);
            limit = value == 0 ? null : value;
        }
        String sortKey = ListParameters.sortKey(first(params, "sort_key"), TagRepository.SORT_KEYS);
        return new TagListQuery(marker == null || marker.isEmpty() ? null : marker, limit, sortKey, ascending);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
