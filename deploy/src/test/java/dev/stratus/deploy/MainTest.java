package dev.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.stratus.deploy.testing.FreePorts;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsageAndExits2() {
        assertEquals(2, run());
        assertTrue(err().contains("usage:"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void missingOptionsAreNamed() {
        assertEquals(2, run("postgres", "--port", "15999"));
        assertTrue(err().contains("missing --data-dir"), err());
    }

    @Test
    void badPortIsAUsageError() {
        assertEquals(2, run("broker", "--port", "99999", "--work-dir", "/tmp/x"));
        assertTrue(err().contains("--port must be a port number"), err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("broker", "--port", "15999", "--work-dir", "/tmp/x", "--colour", "blue"));
        assertTrue(err().contains("unknown option --colour"), err());
    }

    @Test
    void badStoreIsAUsageError() {
        assertEquals(2, run("broker", "--port=15999", "--work-dir=/tmp/x", "--store=bdb"));
        assertTrue(err().contains("--store must be derby or memory"), err());
    }

    @Test
    void ensureDatabaseNeedsANameAndOwnerPasswordNeedsOwner() {
        assertEquals(2, run("ensure-database", "--host", "127.0.0.1", "--port", "5432", "--user", "postgres"));
        assertTrue(err().contains("at least one database NAME"), err());
        assertEquals(2, run("ensure-database", "--host", "127.0.0.1", "--port", "5432", "--user", "postgres",
                "--owner-password", "x", "db"));
    }

    @Test
    void probeExitsZeroWhenSomethingListensAndOneWhenNot() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(0, run("probe", "127.0.0.1", Integer.toString(listener.getLocalPort())));
        }
        assertEquals(1, run("probe", "127.0.0.1", Integer.toString(FreePorts.pick()), "--timeout-ms", "200"));
        assertEquals(2, run("probe", "127.0.0.1"));
    }

    @Test
    void ensureDatabaseCreatesThenReportsExisting() throws Exception {
        DatabaseProvisioner provisioner = LocalPostgres.provisioner();
        String name = "stratus_deploy_cli_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            String[] args = {"ensure-database", "--host", LocalPostgres.HOST, "--port", "5432", "--user", "postgres", name};
            assertEquals(0, run(args));
            assertEquals(0, run(args));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("created database " + name), printed);
            assertTrue(printed.contains("database exists " + name), printed);
            assertTrue(provisioner.databaseExists(name));
        } finally {
            provisioner.dropDatabase(name);
        }
    }

    @Test
    void ensureDatabaseFailsWithExit1WhenServerIsUnreachable() {
        assertEquals(1, run("ensure-database", "--host", "127.0.0.1", "--port", Integer.toString(FreePorts.pick()),
                "--user", "postgres", "whatever"));
        assertTrue(err().contains("ensure-database failed"), err());
    }
}
