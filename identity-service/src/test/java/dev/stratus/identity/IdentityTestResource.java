package dev.stratus.identity;

import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL database (the machine's, or an embedded one), a real AMQP broker, and a bootstrap
 * file with an admin, a demo and the services' account, as the all-in-one creates them, and an operator account
 * whose entry sets user options.
 */
public class IdentityTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String DEMO_PASSWORD = "demo-secret";
    /** The services' own account, as deploy/cloud's bootstrap file has it (granted the service role). */
    public static final String SERVICE_USER = "stratus";
    public static final String SERVICE_PASSWORD = "service-secret";
    /** A bootstrap user whose entry sets options. */
    public static final String OPERATOR_USER = "operator";

    @Override
    public Map<String, String> start() {
        TestDatabase db = TestDatabases.ensure("stratus_identity_test");
        TestBroker broker = TestBrokers.ensure();
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.putAll(broker.quarkusConfig());
        // Its own exchange: a cloud running on this machine must never receive this test's messages.
        config.put("stratus.amqp.exchange", "stratus-identity-test");
        config.put("stratus.identity.bootstrap-file", writeBootstrap().toString());
        return config;
    }

    private static Path writeBootstrap() {
        String plan = """
                {
                  "region": "RegionOne",
                  "projects": [{"name": "admin"}, {"name": "demo"}, {"name": "service"}],
                  "users": [
                    {"name": "admin", "password": "%s", "default_project": "admin"},
                    {"name": "demo", "password": "%s", "default_project": "demo"},
                    {"name": "%s", "password": "%s", "default_project": "service"},
                    {"name": "%s", "password": "operator-secret",
                     "options": {"lock_password": true, "ignore_lockout_failure_attempts": true}}
                  ],
                  "role_assignments": [
                    {"user": "admin", "project": "admin", "role": "admin"},
                    {"user": "demo", "project": "demo", "role": "member"},
                    {"user": "%s", "project": "service", "role": "service"}
                  ],
                  "services": [
                    {"type": "identity", "name": "keystone", "endpoints": {
                      "public": "http://127.0.0.1:5000/v3", "internal": "http://127.0.0.1:5000/v3",
                      "admin": "http://127.0.0.1:5000/v3"}}
                  ]
                }
                """.formatted(ADMIN_PASSWORD, DEMO_PASSWORD, SERVICE_USER, SERVICE_PASSWORD, OPERATOR_USER,
                SERVICE_USER);
        try {
            Path file = Files.createTempFile("stratus-bootstrap", ".json");
            Files.writeString(file, plan);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
