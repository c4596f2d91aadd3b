package dev.stratus.compute.api.rest;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The properties a request schema (a body object or a query string) accepts, each bound to the
 * microversions that accept it, in place of one schema copy per version.
 */
final class VersionedKeys {

    private record Key(VersionRange range, String name) {
    }

    private static final VersionRange ALL = VersionRange.since("2.1");

    private final List<Key> keys = new ArrayList<>();

    VersionedKeys always(String... names) {
        return in(ALL, names);
    }

    VersionedKeys always(List<String> names) {
        return in(ALL, names);
    }

    VersionedKeys in(VersionRange range, String... names) {
        for (String n : names) {
            keys.add(new Key(range, n));
        }
        return this;
    }

    VersionedKeys in(VersionRange range, List<String> names) {
        return in(range, names.toArray(String[]::new));
    }

    Set<String> at(ApiVersion version) {
        Set<String> out = new LinkedHashSet<>();
        for (Key k : keys) {
            if (k.range().contains(version)) {
                out.add(k.name());
            }
        }
        return out;
    }
}
