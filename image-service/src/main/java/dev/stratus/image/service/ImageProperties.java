package dev.stratus.image.service;

import dev.stratus.image.persistence.ImagePropertyEntity;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Glance's bookkeeping properties of imports (in the reserved {@code os_glance} namespace, which users cannot
 * set): the import lock and the store lists clients poll. Store lists are comma-separated and sorted, as Glance
 * writes them. Each call needs a transaction.
 */
public final class ImageProperties {

    static final String IMPORT_TASK = "os_glance_import_task";
    static final String IMPORTING_TO_STORES = "os_glance_importing_to_stores";
    static final String FAILED_IMPORT = "os_glance_failed_import";
    /** The URL of the worker holding the image's staged data (Glance's distributed import); never shown. */
    public static final String STAGE_HOST = "os_glance_stage_host";

    private ImageProperties() {
    }

    static Uni<String> get(String imageId, String name) {
        return ImagePropertyEntity.<ImagePropertyEntity>findById(new ImagePropertyEntity.Key(imageId, name))
                .map(p -> p == null ? null : p.value);
    }

    static Uni<Void> set(String imageId, String name, String value) {
        return ImagePropertyEntity.<ImagePropertyEntity>findById(new ImagePropertyEntity.Key(imageId, name))
                .chain(p -> {
                    if (p == null) {
                        return ImagePropertyEntity.of(imageId, name, value).persist().replaceWithVoid();
                    }
                    p.value = value;
                    return Uni.createFrom().voidItem();
                });
    }

    static Uni<Void> remove(String imageId, String name) {
        return ImagePropertyEntity.delete("imageId = ?1 and name = ?2", imageId, name).replaceWithVoid();
    }

    /** Adds {@code stores} to the list {@code name} (or removes them when {@code subtract}). */
    static Uni<Void> merge(String imageId, String name, Collection<String> stores, boolean subtract) {
        return get(imageId, name).chain(current -> {
            Set<String> merged = parse(current);
            if (subtract) {
                merged.removeAll(stores);
            } else {
                merged.addAll(stores);
            }
            return set(imageId, name, String.join(",", merged));
        });
    }

    static Set<String> parse(String list) {
        if (list == null || list.isBlank()) {
            return new TreeSet<>();
        }
        return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }
}
