package dev.stratus.compute.api;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL database and a real broker for the compute API. */
public class ComputeTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestDatabase db = TestDatabases.ensure("stratus_compute_api_test");
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.putAll(broker.quarkusConfig());
        // Its own exchange: a cloud running on this machine must never receive this test's messages.
        config.put("stratus.amqp.exchange", "stratus-compute-api-test");
        return config;
    }

    @Override
    public void stop() {
    }
}
