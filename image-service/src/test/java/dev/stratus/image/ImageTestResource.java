package dev.stratus.image;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL database, a real broker and a temporary store directory for the image service. */
public class ImageTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestDatabase db = TestDatabases.ensure("stratus_image_test");
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.putAll(broker.quarkusConfig());
        // Its own exchange: a cloud running on this machine must never receive this test's messages.
        config.put("stratus.amqp.exchange", "stratus-image-test");
        try {
            config.put("stratus.image.store-directory", Files.createTempDirectory("stratus-images").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
