package dev.stratus.image.store;

import java.util.Objects;

/**
 * One configured store as clients see it (Glance's {@code enabled_backends} entry): its identifier, description
 * (null when not configured), whether it is the default, and the file store behind it.
 */
public record NamedStore(String id, String description, boolean isDefault, FileSystemImageStore store) {

    /** The store type shown by {@code GET /v2/info/stores/detail}. */
    public static final String TYPE = "file";

    public NamedStore {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(store, "store");
    }
}
