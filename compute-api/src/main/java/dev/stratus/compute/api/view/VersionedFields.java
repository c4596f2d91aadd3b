package dev.stratus.compute.api.view;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A view declared as fields bound to microversion ranges (Nova's view builders without the
 * {@code if version >= ...} chains). A field may also be conditional on the item and the caller (e.g. only
 * for admins, only in ERROR), and a value may be {@link #OMIT} to leave the key out.
 *
 * @param <T> the item rendered
 * @param <C> what the view needs besides the item (links base, caller, ...)
 */
public final class VersionedFields<T, C> {

    /** Returned by a value function to leave the field out of this item. */
    public static final Object OMIT = new Object();

    private record Field<T, C>(VersionRange range, String name, BiPredicate<T, C> when, BiFunction<T, C, Object> value) {
    }

    private final List<Field<T, C>> fields = new ArrayList<>();

    public VersionedFields<T, C> always(String name, BiFunction<T, C, Object> value) {
        return in(VersionRange.since("2.1"), name, value);
    }

    public VersionedFields<T, C> in(VersionRange range, String name, BiFunction<T, C, Object> value) {
        fields.add(new Field<>(range, name, (t, c) -> true, value));
        return this;
    }

    public VersionedFields<T, C> when(VersionRange range, String name, BiPredicate<T, C> when,
            BiFunction<T, C, Object> value) {
        fields.add(new Field<>(range, name, when, value));
        return this;
    }

    /** Every field of {@code other}, after this one's (a detail view extends a summary view). */
    public VersionedFields<T, C> including(VersionedFields<T, C> other) {
        fields.addAll(other.fields);
        return this;
    }

    public List<Map<String, Object>> renderAll(List<T> items, C context, ApiVersion version) {
        return items.stream().map(i -> render(i, context, version)).toList();
    }

    public Map<String, Object> render(T item, C context, ApiVersion version) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field<T, C> f : fields) {
            if (f.range().contains(version) && f.when().test(item, context)) {
                Object v = f.value().apply(item, context);
                if (v != OMIT) {
                    out.put(f.name(), v);
                }
            }
        }
        return out;
    }
}
