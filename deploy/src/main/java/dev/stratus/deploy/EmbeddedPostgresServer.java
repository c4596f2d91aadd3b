package dev.stratus.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from zonky's embedded binaries, as a child process of this JVM, on 127.0.0.1.
 *
 * <p>The superuser is {@code postgres} with trust authentication on the loopback address. As root,
 * zonky runs initdb and the server inside {@code unshare -U} (PostgreSQL refuses to run as root).
 * Unix-domain sockets are off: clients connect over TCP.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String HOST = "127.0.0.1";
    public static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.startupTime = startupTime;
    }

    /**
     * For the launcher: keeps the data directory (initdb only when it holds no cluster yet), fsync on,
     * server log in {@code <data-dir>/log}. Returns once the server answers queries.
     */
    public static EmbeddedPostgresServer startPersistent(int port, Path dataDirectory)
            throws IOException, InterruptedException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        OrphanedPostmaster.stopIfOrphaned(dir, Duration.ofSeconds(60));
        EmbeddedPostgres.Builder builder = commonBuilder(port, dir)
                .setCleanDataDirectory(false)
                // zonky passes -F (fsync off) and synchronous_commit=off; later -c options win
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_rotation_age", "1d")
                .setServerConfig("log_rotation_size", "0");
        return start(builder, dir, port);
    }

    /** For tests: fast (fsync off), and the data directory is deleted when the server stops. */
    public static EmbeddedPostgresServer startEphemeral(int port, Path dataDirectory) throws IOException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        return start(commonBuilder(port, dir).setCleanDataDirectory(true), dir, port);
    }

    private static EmbeddedPostgres.Builder commonBuilder(int port, Path dataDirectory) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("unix_socket_directories", "");
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder, Path dataDirectory, int port)
            throws IOException {
        long begin = System.nanoTime();
        // zonky declares the server ready as soon as SELECT 1 works on the port, which another server
        // already listening there would answer
        if (TcpProbe.isAccepting(HOST, port)) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is already in use");
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            requireServing(postgres, dataDirectory);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("PostgreSQL ready on {}:{} (data {}) in {} ms", HOST, postgres.getPort(), dataDirectory,
                took.toMillis());
        return new EmbeddedPostgresServer(postgres, dataDirectory, took);
    }

    /** The server answering on the port must be the one running on our data directory. */
    private static void requireServing(EmbeddedPostgres postgres, Path dataDirectory) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            Path served = Path.of(row.getString(1)).toRealPath();
            if (!served.equals(dataDirectory.toRealPath())) {
                throw new IllegalStateException("the PostgreSQL answering on port " + postgres.getPort()
                        + " serves " + served + ", not " + dataDirectory);
            }
        } catch (SQLException e) {
            throw new IOException("cannot query the embedded PostgreSQL on port " + postgres.getPort(), e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return postgres.getPort();
    }

    public String superuser() {
        return SUPERUSER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Wall-clock time from the start call to the server answering queries (includes initdb). */
    public Duration startupTime() {
        return startupTime;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** Fast shutdown (pg_ctl stop -m fast); zonky also registers a JVM shutdown hook doing the same. */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        long begin = System.nanoTime();
        postgres.close();
        LOG.info("PostgreSQL on port {} stopped in {} ms", port(), Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }
}
