package dev.stratus.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.store.DigestExecutor;
import dev.stratus.image.store.FileSystemImageStore;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Glance's enabled_import_methods: the order kept, copy-image only with a second store, unknown names refused. */
class ImportMethodsTest {

    @TempDir
    Path dir;

    private final ExecutorService digests = DigestExecutor.create(1);

    @AfterEach
    void stop() {
        digests.shutdown();
    }

    private ImportMethods methods(int storeCount, Map<String, String> options) throws IOException {
        List<NamedStore> stores = new ArrayList<>();
        for (int i = 0; i < storeCount; i++) {
            stores.add(new NamedStore("s" + i, null, i == 0, new FileSystemImageStore(dir.resolve("s" + i), digests)));
        }
        ImageSettings settings = new SmallRyeConfigBuilder().withMapping(ImageSettings.class)
                .withSources(new PropertiesConfigSource(options, "test", 300)).build()
                .getConfigMapping(ImageSettings.class);
        return new ImportMethods(settings, new ImageStores(stores));
    }

    @Test
    void glancesThreeByDefaultCopyImageWithASecondStoreOnly() throws IOException {
        assertEquals(List.of("glance-direct", "web-download", "copy-image"), methods(2, Map.of()).offered());
        assertEquals(List.of("glance-direct", "web-download"), methods(1, Map.of()).offered());
    }

    @Test
    void theConfiguredMethodsInTheirOrder() throws IOException {
        Map<String, String> two = Map.of("stratus.image.import.enabled-methods", "copy-image, glance-direct");
        assertEquals(List.of("copy-image", "glance-direct"), methods(2, two).offered());
        assertEquals(List.of("glance-direct"), methods(1, two).offered());
        assertThrows(IllegalStateException.class,
                () -> methods(1, Map.of("stratus.image.import.enabled-methods", "glance-direct,ftp-download")));
    }
}
