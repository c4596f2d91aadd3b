package dev.stratus.image;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service as the all-in-one runs it for web-download and glance-download: two stores ("fast", the default, and
 * "cheap"), any port allowed (test web servers listen on random ports), two refusals to check the filter with (port
 * 1, host {@code forbidden.example}), images of at most 1,000,000 bytes, and the identity service a
 * {@link FakeKeystone} whose catalog names this service as the image endpoint.
 */
public class RemoteImportProfile implements QuarkusTestProfile {

    static final Path FAST = SharedTempDirectories.of("remote-import.store.fast");
    static final Path CHEAP = SharedTempDirectories.of("remote-import.store.cheap");
    static final long MAX_IMAGE_SIZE = 1_000_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("stratus.image.stores[0].id", "fast"),
                Map.entry("stratus.image.stores[0].directory", FAST.toString()),
                Map.entry("stratus.image.stores[0].default", "true"),
                Map.entry("stratus.image.stores[1].id", "cheap"),
                Map.entry("stratus.image.stores[1].directory", CHEAP.toString()),
                Map.entry("stratus.image.import-filtering.allowed-ports", "*"),
                Map.entry("stratus.image.import-filtering.disallowed-ports", "1"),
                Map.entry("stratus.image.import-filtering.disallowed-hosts", "forbidden.example"),
                Map.entry("stratus.image.import.download-timeout", "PT5S"),
                Map.entry("stratus.image.max-image-size", Long.toString(MAX_IMAGE_SIZE)),
                Map.entry("stratus.auth.identity-url", FakeKeystone.url()));
    }
}
