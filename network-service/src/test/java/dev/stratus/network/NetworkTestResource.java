package dev.stratus.network;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL database and a real broker for network-service. */
public class NetworkTestResource implements QuarkusTestResourceLifecycleManager {

    /** The exchange of these tests: a cloud running on this machine must never receive their messages. */
    public static final String EXCHANGE = "stratus-network-service-test";

    @Override
    public Map<String, String> start() {
        // -Dstratus.test.network-database=NAME gives a worktree a database of its own (migrations differ by branch)
        TestDatabase db = TestDatabases.ensure(System.getProperty("stratus.test.network-database",
                "stratus_network_service_test"));
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.remove("quarkus.datasource.reactive.url");
        config.putAll(broker.quarkusConfig());
        config.put("stratus.amqp.exchange", EXCHANGE);
        return config;
    }

    @Override
    public void stop() {
    }
}
