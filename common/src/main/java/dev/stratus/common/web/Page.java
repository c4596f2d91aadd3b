package dev.stratus.common.web;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, and whether more items follow it. */
public record Page<T>(List<T> items, boolean hasMore) {

    /**
     * Cuts a page out of an already sorted list. The marker is the id of the last item of the previous
     * page; an id that is not in the list is a 400, as in Nova and Neutron.
     */
    public static <T> Page<T> of(List<T> sorted, Function<T, String> idOf, PageRequest request) {
        int start = 0;
        if (request.marker() != null) {
            start = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (request.marker().equals(idOf.apply(sorted.get(i)))) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw dev.stratus.common.fault.ApiException.badRequest(
                        "marker [" + request.marker() + "] not found");
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        return new Page<>(List.copyOf(sorted.subList(start, end)), end < sorted.size());
    }

    /** Wraps {@code limit + 1} rows fetched from a database: the extra row only says that more exist. */
    public static <T> Page<T> fromOverfetch(List<T> rows, int limit) {
        if (rows.size() > limit) {
            return new Page<>(List.copyOf(rows.subList(0, limit)), true);
        }
        return new Page<>(List.copyOf(rows), false);
    }

    public T last() {
        return items.get(items.size() - 1);
    }
}
