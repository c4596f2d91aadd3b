package dev.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the machine's real PostgreSQL on 127.0.0.1:5432 (skipped when there is none). */
class DatabaseProvisionerTest {

    private DatabaseProvisioner provisioner;
    private final List<String> databases = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

    @BeforeEach
    void connect() {
        provisioner = LocalPostgres.provisioner();
    }

    @AfterEach
    void dropEverythingCreated() throws Exception {
        for (String database : databases) {
            provisioner.dropDatabase(database);
            assertFalse(provisioner.databaseExists(database), database + " still there after drop");
        }
        try (Connection connection = superuserConnection("postgres"); Statement statement = connection.createStatement()) {
            for (String role : roles) {
                statement.execute("DROP ROLE IF EXISTS " + DatabaseProvisioner.quote(role));
            }
        }
    }

    @Test
    void createsOnceAndThenFindsTheDatabase() throws Exception {
        String name = uniqueDatabase();

        assertTrue(provisioner.ensureDatabase(name), "first call creates");
        assertFalse(provisioner.ensureDatabase(name), "second call finds it");

        assertTrue(provisioner.databaseExists(name));
        try (Connection connection = superuserConnection(name); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            assertEquals(name, row.getString(1));
        }
    }

    @Test
    void concurrentCreatorsAllSucceedAndExactlyOneCreates() throws Exception {
        String name = uniqueDatabase();
        int creators = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < creators; i++) {
                Callable<Boolean> creator = () -> {
                    start.await();
                    return new DatabaseProvisioner(LocalPostgres.HOST, LocalPostgres.PORT, LocalPostgres.USER, "")
                            .ensureDatabase(name);
                };
                results.add(pool.submit(creator));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertEquals(1, created, "exactly one creator reports having created it");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(provisioner.databaseExists(name));
    }

    @Test
    void createsOwnerRoleAndHandsTheDatabaseToIt() throws Exception {
        String role = "stratus_deploy_test_role_" + shortId();
        roles.add(role);
        String name = uniqueDatabase();

        assertTrue(provisioner.ensureRole(role, "it's-a-secret"));
        assertFalse(provisioner.ensureRole(role, "it's-a-secret"));
        assertTrue(provisioner.ensureDatabase(name, role));
        assertFalse(provisioner.ensureDatabase(name, role));

        try (Connection connection = superuserConnection("postgres"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + name + "'")) {
            assertTrue(row.next());
            assertEquals(role, row.getString(1));
        }
    }

    @Test
    void namesAreQuotedNotInterpreted() throws Exception {
        String name = "Stratus Test \"" + shortId() + "\"; --";
        databases.add(name);
        assertTrue(provisioner.ensureDatabase(name));
        assertTrue(provisioner.databaseExists(name));
    }

    @Test
    void refusesNamesPostgresWouldTruncate() {
        assertThrows(IllegalArgumentException.class, () -> provisioner.ensureDatabase("x".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> provisioner.ensureDatabase(""));
    }

    private String uniqueDatabase() {
        String name = "stratus_deploy_test_" + shortId();
        databases.add(name);
        return name;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Connection superuserConnection(String database) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.USER);
        return DriverManager.getConnection(
                "jdbc:postgresql://" + LocalPostgres.HOST + ":" + LocalPostgres.PORT + "/" + database, properties);
    }
}
