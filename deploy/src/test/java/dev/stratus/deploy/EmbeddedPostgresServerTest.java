package dev.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import dev.stratus.deploy.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path temp;

    @Test
    void keepsItsDataAcrossARestartOnTheSameDataDirectory() throws Exception {
        int port = FreePorts.pick();
        assertNotEquals(5432, port);
        Path dataDirectory = temp.resolve("pgdata");

        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.startPersistent(port, dataDirectory)) {
            System.out.printf("[timing] embedded PostgreSQL first start (initdb + start): %d ms%n",
                    first.startupTime().toMillis());
            assertEquals(port, first.port());
            assertTrue(TcpProbe.isAccepting("127.0.0.1", port));

            DatabaseProvisioner provisioner = new DatabaseProvisioner(first.host(), port, first.superuser(), null);
            assertTrue(provisioner.ensureDatabase("inventory"));
            try (Connection connection = connect(first, "inventory"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE flavor (name text PRIMARY KEY, vcpus int NOT NULL)");
                statement.execute("INSERT INTO flavor VALUES ('m1.small', 1), ('m1.large', 4)");
                try (ResultSet row = statement.executeQuery("SELECT sum(vcpus) FROM flavor")) {
                    row.next();
                    assertEquals(5, row.getInt(1));
                }
            }
        }
        assertFalse(TcpProbe.isAccepting("127.0.0.1", port), "stopped server still accepts connections");
        assertTrue(Files.exists(dataDirectory.resolve("PG_VERSION")), "data directory kept after stop");
        assertFalse(Files.exists(dataDirectory.resolve("postmaster.pid")), "clean shutdown removes postmaster.pid");

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.startPersistent(port, dataDirectory)) {
            System.out.printf("[timing] embedded PostgreSQL restart on existing data: %d ms%n",
                    second.startupTime().toMillis());
            DatabaseProvisioner provisioner = new DatabaseProvisioner(second.host(), port, second.superuser(), null);
            assertFalse(provisioner.ensureDatabase("inventory"), "database survived the restart");
            try (Connection connection = connect(second, "inventory"); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT vcpus FROM flavor WHERE name = 'm1.large'")) {
                assertTrue(row.next(), "row survived the restart");
                assertEquals(4, row.getInt(1));
            }
        }
    }

    @Test
    void refusesADataDirectoryAnotherServerIsUsing() throws Exception {
        Path dataDirectory = temp.resolve("shared");
        try (EmbeddedPostgresServer owner = EmbeddedPostgresServer.startPersistent(FreePorts.pick(), dataDirectory)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedPostgresServer.startPersistent(FreePorts.pick(), dataDirectory));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            assertTrue(TcpProbe.isAccepting(owner.host(), owner.port()), "owner unaffected");
        }
    }

    @Test
    void refusesAPortSomethingElseListensOn() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedPostgresServer.startPersistent(occupant.getLocalPort(), temp.resolve("busy")));
            assertTrue(refused.getMessage().contains("already in use"), refused.getMessage());
        }
    }

    @Test
    void ephemeralServerDeletesItsDataOnStop() throws Exception {
        Path dataDirectory = temp.resolve("scratch");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startEphemeral(FreePorts.pick(), dataDirectory)) {
            System.out.printf("[timing] embedded PostgreSQL ephemeral start: %d ms%n", server.startupTime().toMillis());
            try (Connection connection = connect(server, "postgres"); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SHOW server_version_num")) {
                row.next();
                assertTrue(Integer.parseInt(row.getString(1)) >= 170000, "PostgreSQL 17");
            }
        }
        assertFalse(Files.exists(dataDirectory));
    }

    private static Connection connect(EmbeddedPostgresServer server, String database) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", server.superuser());
        return DriverManager.getConnection(server.jdbcUrl(database), properties);
    }
}
