package dev.stratus.image;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RemoteImportProfile} as a public cloud's operator filters imports: {@code 127.0.0.1} and the metadata
 * service's {@code 169.254.169.254} among the disallowed hosts, its own stores. Test web servers that must be
 * reachable listen on {@code 127.0.0.2} (still loopback).
 */
public class LoopbackRefusedImportProfile extends RemoteImportProfile {

    static final Path FAST = SharedTempDirectories.of("loopback-refused.store.fast");
    static final Path CHEAP = SharedTempDirectories.of("loopback-refused.store.cheap");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("stratus.image.stores[0].directory", FAST.toString());
        overrides.put("stratus.image.stores[1].directory", CHEAP.toString());
        overrides.put("stratus.image.import-filtering.disallowed-hosts",
                "forbidden.example,127.0.0.1,169.254.169.254");
        return overrides;
    }
}
