package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store registry: configuration mistakes stop the start-up; copies are found by their location. */
class ImageStoresTest {

    @TempDir
    Path dir;

    private final ExecutorService digests = DigestExecutor.create(1);

    @AfterEach
    void stop() {
        digests.shutdown();
    }

    private NamedStore store(String id, String directory, boolean isDefault) throws IOException {
        return new NamedStore(id, null, isDefault, new FileSystemImageStore(dir.resolve(directory), digests));
    }

    @Test
    void exactlyOneDefaultDistinctIdsAndDirectories() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new ImageStores(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageStores(List.of(store("a", "a", false), store("b", "b", false))));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageStores(List.of(store("a", "a", true), store("b", "b", true))));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageStores(List.of(store("a", "a", true), store("a", "b", false))));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageStores(List.of(store("a", "a", true), store("b", "a/nested", false))));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageStores(List.of(store("os_glance_staging_store", "a", true))));
        assertThrows(IllegalArgumentException.class, () -> new ImageStores(List.of(store("a/b", "a", true))));
        ImageStores stores = new ImageStores(List.of(store("fast", "fast", true), store("cheap", "cheap", false)));
        assertEquals("fast", stores.defaultStore().id());
        assertEquals(List.of("fast", "cheap"), stores.all().stream().map(NamedStore::id).toList());
        assertTrue(stores.find("nowhere").isEmpty());
    }

    @Test
    void theStoreHoldingACopyFollowsFromItsLocation() throws IOException {
        ImageStores stores = new ImageStores(List.of(store("fast", "fast", true), store("cheap", "cheap", false)));
        NamedStore cheap = stores.find("cheap").orElseThrow();
        StoredImage copy = cheap.store().write("img", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, Long.MAX_VALUE);
        assertEquals("cheap", stores.holding(copy.location()).orElseThrow().id());
        StoredImage staged = stores.defaultStore().store().stage("img", new ByteArrayInputStream(new byte[] {1}), 1,
                Long.MAX_VALUE);
        assertFalse(stores.holding(staged.location()).isPresent(), "staged data is in no store");
        assertFalse(stores.holding(dir.resolve("elsewhere/img").toUri().toString()).isPresent());
        assertFalse(stores.holding("http://example.com/img").isPresent());
    }
}
