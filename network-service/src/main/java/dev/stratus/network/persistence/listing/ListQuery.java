package dev.stratus.network.persistence.listing;

import java.util.List;

/**
 * What a list call asks for, already checked against the resource's attributes: attribute filters (values of
 * one attribute are alternatives, attributes all apply), tag filters, sort keys, and a page.
 *
 * @param limit null for no limit
 * @param marker id of the item the page starts after (before, when {@code pageReverse})
 */
public record ListQuery(List<Filter> filters, TagFilter tags, List<SortKey> sorts, Integer limit, String marker,
        boolean pageReverse) {

    public record Filter(String attribute, List<String> values) {
    }

    public record SortKey(String attribute, boolean ascending) {
    }

    /** tags (all of), tags-any, not-tags (not all of), not-tags-any. */
    public record TagFilter(List<String> all, List<String> any, List<String> notAll, List<String> notAny) {

        public static final TagFilter NONE = new TagFilter(List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return all.isEmpty() && any.isEmpty() && notAll.isEmpty() && notAny.isEmpty();
        }
    }

    public static ListQuery all() {
        return new ListQuery(List.of(), TagFilter.NONE, List.of(), null, null, false);
    }

    public static ListQuery of(Filter... filters) {
        return new ListQuery(List.of(filters), TagFilter.NONE, List.of(), null, null, false);
    }

    public List<String> values(String attribute) {
        return filters.stream().filter(f -> f.attribute().equals(attribute)).findFirst().map(Filter::values)
                .orElse(List.of());
    }
}
