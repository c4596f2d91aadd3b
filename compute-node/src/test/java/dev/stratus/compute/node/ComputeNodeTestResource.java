package dev.stratus.compute.node;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real broker, an exchange of this test run's own (so no other process consumes our topics), the fake
 * driver with three simulated hosts, a temporary instances directory, and {@link ImageServiceStub} for snapshots.
 */
public class ComputeNodeTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String HOST = "cn-test";

    @Override
    public Map<String, String> start() {
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(broker.quarkusConfig());
        config.put("stratus.amqp.exchange", "stratus-cn-test-" + UUID.randomUUID().toString().substring(0, 8));
        config.put("stratus.compute.driver", "fake");
        config.put("stratus.compute.host", HOST);
        config.put("stratus.compute.fake.node-count", "3");
        config.put("stratus.compute.report-interval", "1s");
        // The test drives the periodic sync itself; a long interval keeps the timer out of its way.
        config.put("stratus.compute.power-sync-interval", "1h");
        config.put("stratus.compute.my-ip", "192.0.2.10");
        config.put("stratus.compute.image-url", ImageServiceStub.start());
        // the simulated guests' serial ports: the allocator skips what other processes on this machine listen on
        config.put("stratus.compute.serial-console.enabled", "true");
        config.put("stratus.compute.serial-console.port-range", "42000:43000");
        try {
            config.put("stratus.compute.instances-directory",
                    Files.createTempDirectory("stratus-instances").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
