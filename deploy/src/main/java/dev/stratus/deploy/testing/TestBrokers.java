package dev.stratus.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import dev.stratus.deploy.BrokerSettings;
import dev.stratus.deploy.EmbeddedBroker;
import dev.stratus.deploy.TcpProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP 0-9-1 broker for tests of other modules (add stratus-deploy with test scope).
 *
 * <p>Chosen once per JVM: the broker at {@code STRATUS_TEST_AMQP_HOST}:{@code STRATUS_TEST_AMQP_PORT}
 * (default 127.0.0.1:5672, the machine's RabbitMQ; user/password {@code STRATUS_TEST_AMQP_USER} /
 * {@code STRATUS_TEST_AMQP_PASSWORD}, default guest/guest) when it accepts connections; otherwise one
 * embedded Qpid broker (in-memory store) on a free random port, stopped when the JVM exits.
 * {@code STRATUS_TEST_AMQP_EMBEDDED=true} always uses the embedded one. Each setting is read from the
 * system property of that name, else from the environment.
 */
public final class TestBrokers {

    public static final String HOST = "STRATUS_TEST_AMQP_HOST";
    public static final String PORT = "STRATUS_TEST_AMQP_PORT";
    public static final String USER = "STRATUS_TEST_AMQP_USER";
    public static final String PASSWORD = "STRATUS_TEST_AMQP_PASSWORD";
    public static final String EMBEDDED = "STRATUS_TEST_AMQP_EMBEDDED";

    private static final Logger LOG = LoggerFactory.getLogger(TestBrokers.class);
    private static final int START_ATTEMPTS = 3;

    private static TestBroker broker;

    private TestBrokers() {
    }

    /** The broker of this JVM's tests; the first call decides (and may start it). */
    public static synchronized TestBroker ensure() {
        if (broker == null) {
            broker = external(TestSettings.fromSystem()).orElseGet(() -> {
                EmbeddedBroker started = startEmbedded();
                LOG.info("embedded test broker on {}:{} started in {} ms", started.host(), started.port(),
                        started.startupTime().toMillis());
                return new TestBroker(started.host(), started.port(), started.user(), started.password(), true);
            });
        }
        return broker;
    }

    static Optional<TestBroker> external(TestSettings settings) {
        if (settings.flag(EMBEDDED)) {
            return Optional.empty();
        }
        String host = settings.get(HOST, "127.0.0.1");
        int port = settings.port(PORT, 5672);
        if (!TcpProbe.isAccepting(host, port)) {
            LOG.info("no AMQP broker at {}:{}, starting an embedded one", host, port);
            return Optional.empty();
        }
        return Optional.of(new TestBroker(host, port, settings.get(USER, "guest"),
                settings.getAllowEmpty(PASSWORD, "guest"), false));
    }

    /** A fresh embedded broker on a free port, stopped (and its work directory deleted) at JVM exit. */
    static EmbeddedBroker startEmbedded() {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = FreePorts.pick();
            Path workDirectory = null;
            try {
                workDirectory = Files.createTempDirectory("stratus-test-broker-");
                EmbeddedBroker started = EmbeddedBroker.start(BrokerSettings.of(port, workDirectory)
                        .withStore(BrokerSettings.Store.MEMORY));
                Path toDelete = workDirectory;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteRecursively(toDelete);
                }, "stratus-test-broker-stop"));
                return started;
            } catch (Exception e) {
                last = e;
                LOG.warn("embedded broker on port {} failed to start (attempt {}): {}", port, attempt, e.toString());
                if (workDirectory != null) {
                    deleteRecursively(workDirectory);
                }
            }
        }
        throw new IllegalStateException("cannot start an embedded AMQP broker for tests", last);
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", directory, e.toString());
        }
    }
}
