package dev.stratus.image.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured stores, by identifier, with exactly one default. Which store holds a copy of an image follows from
 * the copy's location (each store owns the files directly under its directory), so renaming a store in the
 * configuration keeps its images. Beside them, the read-only http store serves external locations (see
 * {@link #external}).
 */
public final class ImageStores implements AutoCloseable {

    /** Store ids are names in URLs ({@code /v2/stores/{id}/...}) and request bodies. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    private final Map<String, NamedStore> byId = new LinkedHashMap<>();
    private final NamedStore defaultStore;
    private final HttpImageStore http;

    /** The named stores without an http store: external locations are refused. */
    public ImageStores(List<NamedStore> stores) {
        this(stores, null);
    }

    /**
     * @throws IllegalArgumentException no store, two defaults or none, a duplicate id, an invalid id, or two
     *                                  stores sharing (or nesting) a directory
     */
    public ImageStores(List<NamedStore> stores, HttpImageStore http) {
        this.http = http;
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("at least one image store must be configured");
        }
        NamedStore chosen = null;
        List<Path> roots = new ArrayList<>();
        for (NamedStore store : stores) {
            if (!ID.matcher(store.id()).matches() || store.id().startsWith("os_glance_")) {
                throw new IllegalArgumentException("invalid image store id: " + store.id());
            }
            if (byId.putIfAbsent(store.id(), store) != null) {
                throw new IllegalArgumentException("image store " + store.id() + " is configured twice");
            }
            Path root = store.store().root();
            for (Path other : roots) {
                if (root.startsWith(other) || other.startsWith(root)) {
                    throw new IllegalArgumentException("image store " + store.id() + " shares its directory " + root
                            + " with another store");
                }
            }
            roots.add(root);
            if (store.isDefault()) {
                if (chosen != null) {
                    throw new IllegalArgumentException("two default image stores: " + chosen.id() + " and "
                            + store.id());
                }
                chosen = store;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("no default image store among " + byId.keySet());
        }
        this.defaultStore = chosen;
    }

    /** In configuration order. */
    public List<NamedStore> all() {
        return List.copyOf(byId.values());
    }

    public Set<String> ids() {
        return new HashSet<>(byId.keySet());
    }

    public Optional<NamedStore> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public NamedStore defaultStore() {
        return defaultStore;
    }

    /** The store holding the data at {@code location}, if it is still configured. */
    public Optional<NamedStore> holding(String location) {
        return byId.values().stream().filter(s -> s.store().owns(location)).findFirst();
    }

    /**
     * The read-only store serving {@code location} when it is an external one (an http(s) URL and an http store
     * is configured). The http store is not one of {@link #all()}: clients cannot upload to it or import into it.
     */
    public Optional<HttpImageStore> external(String location) {
        return http != null && HttpImageStore.handles(location) ? Optional.of(http) : Optional.empty();
    }

    @Override
    public void close() {
        byId.values().forEach(s -> s.store().close());
    }
}
