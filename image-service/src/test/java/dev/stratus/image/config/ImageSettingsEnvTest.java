package dev.stratus.image.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store list can come from environment variables alone, as deploy/cloud passes it. */
class ImageSettingsEnvTest {

    private static ImageSettings settings(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ImageSettings.class)
                .withSources(new EnvConfigSource(env, 300) {
                }).build();
        return config.getConfigMapping(ImageSettings.class);
    }

    @Test
    void storesFromEnvironmentVariables() {
        ImageSettings settings = settings(Map.of(
                "STRATUS_IMAGE_STORES_0__ID", "fast",
                "STRATUS_IMAGE_STORES_0__DIRECTORY", "/srv/fast",
                "STRATUS_IMAGE_STORES_0__DESCRIPTION", "Fast disk",
                "STRATUS_IMAGE_STORES_0__DEFAULT", "true",
                "STRATUS_IMAGE_STORES_1__ID", "cheap",
                "STRATUS_IMAGE_STORES_1__DIRECTORY", "/srv/cheap"));
        List<ImageSettings.Store> stores = settings.stores().orElseThrow();
        assertEquals(2, stores.size());
        assertEquals("fast", stores.get(0).id());
        assertEquals("/srv/fast", stores.get(0).directory());
        assertEquals("Fast disk", stores.get(0).description().orElseThrow());
        assertTrue(stores.get(0).isDefault());
        assertEquals("cheap", stores.get(1).id());
        assertFalse(stores.get(1).isDefault());
        assertTrue(stores.get(1).description().isEmpty());
    }

    @Test
    void noStoresMeansTheSingleStore() {
        ImageSettings settings = settings(Map.of("STRATUS_IMAGE_STORE_DIRECTORY", "/srv/images"));
        assertTrue(settings.stores().isEmpty() || settings.stores().get().isEmpty());
        assertEquals("/srv/images", settings.storeDirectory());
    }

    @Test
    void secondWorkerSettingsFromEnvironmentVariables() {
        assertTrue(settings(Map.of()).workerSelfReferenceUrl().isEmpty());
        assertEquals("staging", settings(Map.of()).stagingName());
        ImageSettings settings = settings(Map.of(
                "STRATUS_IMAGE_WORKER_SELF_REFERENCE_URL", "http://127.0.0.1:9293",
                "STRATUS_IMAGE_STAGING_NAME", "staging-remote"));
        assertEquals("http://127.0.0.1:9293", settings.workerSelfReferenceUrl().orElseThrow());
        assertEquals("staging-remote", settings.stagingName());
    }

    @Test
    void locationsAreShownWhenDeployTurnsThemOn() {
        assertFalse(settings(Map.of()).showMultipleLocations());
        assertFalse(settings(Map.of()).showImageDirectUrl());
        ImageSettings settings = settings(Map.of("STRATUS_IMAGE_SHOW_MULTIPLE_LOCATIONS", "true"));
        assertTrue(settings.showMultipleLocations());
        assertFalse(settings.showImageDirectUrl());
    }

    @Test
    void theCacheIsOnWhenDeployGivesItADirectory() {
        ImageSettings.Cache off = settings(Map.of()).cache();
        assertTrue(off.directory().isEmpty());
        assertEquals(10L * 1024 * 1024 * 1024, off.maxSize());
        assertEquals(java.time.Duration.ofSeconds(60), off.prefetchInterval());
        ImageSettings.Cache on = settings(Map.of("STRATUS_IMAGE_CACHE_DIRECTORY", "/srv/image-cache",
                "STRATUS_IMAGE_CACHE_MAX_SIZE", "2048")).cache();
        assertEquals("/srv/image-cache", on.directory().orElseThrow());
        assertEquals(2048, on.maxSize());
    }

    @Test
    void importsKeepGlanceDefaultsUnlessDeployAllowsAnyPort() {
        ImageSettings defaults = settings(Map.of());
        assertEquals(List.of("80", "443"), defaults.importFiltering().allowedPorts());
        assertEquals(List.of("http", "https"), defaults.importFiltering().allowedSchemes());
        assertTrue(defaults.importFiltering().disallowedPorts().isEmpty());
        assertTrue(defaults.importFiltering().allowedHosts().isEmpty());
        assertEquals(List.of("glance-direct", "web-download", "copy-image"), defaults.imports().enabledMethods(),
                "Glance's default: glance-download off");
        assertEquals(List.of("hw_", "trait:", "os_distro", "os_secure_boot", "os_type"),
                defaults.glanceDownload().extraProperties());
        ImageSettings deployed = settings(Map.of("STRATUS_IMAGE_IMPORT_FILTERING_ALLOWED_PORTS", "*"));
        assertEquals(List.of("*"), deployed.importFiltering().allowedPorts());
    }
}
