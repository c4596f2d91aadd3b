package dev.stratus.compute.node.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stratus.compute.serial-console.*}: Nova's defaults, and the environment deploy/cloud sets. */
class SerialConsoleSettingsTest {

    private static SerialConsoleSettings of(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ComputeNodeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300)).build();
        return SerialConsoleSettings.of(config.getConfigMapping(ComputeNodeConfig.class).serialConsole());
    }

    @Test
    void novasDefaultsAreOff() {
        assertEquals(new SerialConsoleSettings(false, 10000, 20000, "127.0.0.1"), of(Map.of()));
    }

    @Test
    void theEnvironmentOfDeployTurnsThemOn() {
        assertEquals(SerialConsoleSettings.on("192.0.2.7", 20000, 30000), of(Map.of(
                "STRATUS_COMPUTE_SERIAL_CONSOLE_ENABLED", "true",
                "STRATUS_COMPUTE_SERIAL_CONSOLE_PORT_RANGE", "20000:30000",
                "STRATUS_COMPUTE_SERIAL_CONSOLE_PROXYCLIENT_ADDRESS", "192.0.2.7")));
    }
}
