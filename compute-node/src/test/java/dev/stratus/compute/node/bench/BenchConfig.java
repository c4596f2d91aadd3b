package dev.stratus.compute.node.bench;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** A {@code @ConfigMapping} as the node would see it: the documented defaults with the given properties. */
final class BenchConfig {

    private BenchConfig() {
    }

    static <T> T mapping(Class<T> type, Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(type)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "node-benchmark", 500))
                .build().getConfigMapping(type);
    }
}
