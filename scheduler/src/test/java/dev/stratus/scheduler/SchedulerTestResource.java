package dev.stratus.scheduler;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL database and a real broker for the scheduler. The exchange is the scheduler tests' own,
 * so that a running cloud or other modules' tests on the same broker never see these messages.
 */
public class SchedulerTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXCHANGE = "stratus-scheduler-test";

    @Override
    public Map<String, String> start() {
        TestDatabase db = TestDatabases.ensure("stratus_scheduler_test");
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.putAll(broker.quarkusConfig());
        config.put("stratus.amqp.exchange", EXCHANGE);
        return config;
    }

    @Override
    public void stop() {
    }
}
