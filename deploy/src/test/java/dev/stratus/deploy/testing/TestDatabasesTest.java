package dev.stratus.deploy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.stratus.deploy.DatabaseProvisioner;
import dev.stratus.deploy.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void ensureGivesAUsableDatabaseOnWhicheverServerWasChosen() throws Exception {
        String name = "stratus_deploy_helper_" + UUID.randomUUID().toString().substring(0, 8);
        TestDatabase database = TestDatabases.ensure(name);
        try {
            assertEquals(database, TestDatabases.ensure(name), "idempotent");
            assertEquals(name, currentDatabase(database));
            assertEquals("postgresql://" + database.host() + ":" + database.port() + "/" + name, database.reactiveUrl());
            assertEquals(database.jdbcUrl(), database.quarkusConfig().get("quarkus.datasource.jdbc.url"));
            System.out.println("[info] TestDatabases chose " + database);
        } finally {
            TestDatabaseServer server = TestDatabases.server();
            new DatabaseProvisioner(server.host(), server.port(), server.user(), server.password()).dropDatabase(name);
        }
    }

    @Test
    void externalServerIsUsedWhenReachable() {
        // the machine's PostgreSQL, when there is one, is what the defaults point at
        TestSettings defaults = new TestSettings(name -> null);
        TestDatabases.external(defaults).ifPresent(server -> {
            assertEquals("127.0.0.1", server.host());
            assertEquals(5432, server.port());
            assertEquals("postgres", server.user());
            assertFalse(server.embedded());
        });
    }

    @Test
    void unreachableOrForcedEmbeddedMeansNoExternalServer() {
        int closedPort = FreePorts.pick();
        TestSettings unreachable = new TestSettings(Map.of(TestDatabases.PORT, Integer.toString(closedPort))::get);
        assertTrue(TestDatabases.external(unreachable).isEmpty());
        TestSettings forced = new TestSettings(Map.of(TestDatabases.EMBEDDED, "true")::get);
        assertTrue(TestDatabases.external(forced).isEmpty());
    }

    @Test
    void embeddedFallbackRunsOnARandomPort() throws Exception {
        try (EmbeddedPostgresServer server = TestDatabases.startEmbedded()) {
            System.out.printf("[timing] TestDatabases embedded fallback start: %d ms%n", server.startupTime().toMillis());
            assertNotEquals(5432, server.port());
            TestDatabaseServer coordinates = new TestDatabaseServer(server.host(), server.port(), server.superuser(), "", true);
            new DatabaseProvisioner(server.host(), server.port(), server.superuser(), "").ensureDatabase("keystone");
            assertEquals("keystone", currentDatabase(coordinates.database("keystone")));
        }
    }

    private static String currentDatabase(TestDatabase database) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        if (!database.password().isEmpty()) {
            properties.setProperty("password", database.password());
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            return row.getString(1);
        }
    }
}
