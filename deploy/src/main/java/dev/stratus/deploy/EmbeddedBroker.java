package dev.stratus.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Qpid Broker-J running inside this JVM, speaking AMQP 0-9-1 to RabbitMQ clients.
 *
 * <p>What RabbitMQ clients can rely on: direct, topic and fanout exchanges, durable queues,
 * persistent messages (kept across restarts with the DERBY store), publisher confirms, manual acks,
 * nack/requeue and server-named exclusive queues. Not there: RabbitMQ's direct reply-to
 * ({@code amq.rabbitmq.reply-to}); RabbitMQ-specific queue arguments ({@code x-queue-type},
 * {@code x-message-ttl}, {@code x-dead-letter-exchange}, {@code x-max-length}, ...) are accepted but
 * ignored (logged at WARN), so a quorum queue declaration gives an ordinary durable queue.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);
    static final String INITIAL_CONFIG_FILE = "initial-config.json";

    private final SystemLauncher launcher;
    private final BrokerSettings settings;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(SystemLauncher launcher, BrokerSettings settings, Duration startupTime) {
        this.launcher = launcher;
        this.settings = settings;
        this.startupTime = startupTime;
    }

    /** Starts the broker and returns once its AMQP port accepts connections. */
    public static EmbeddedBroker start(BrokerSettings settings) throws Exception {
        long begin = System.nanoTime();
        if (TcpProbe.isAccepting(probeHost(settings), settings.port())) {
            throw new IllegalStateException("port " + settings.port() + " on " + probeHost(settings)
                    + " is already in use");
        }
        Path workDirectory = settings.workDirectory();
        Files.createDirectories(workDirectory);
        Path initialConfig = writeInitialConfig(settings);
        if (settings.store() == BrokerSettings.Store.DERBY && !derbyStoreAvailable()) {
            throw new IllegalStateException("the DERBY store needs org.apache.qpid:qpid-broker-plugins-derby-store"
                    + " on the class path (an optional dependency of stratus-deploy); use the MEMORY store or add it");
        }
        keepDerbyLogIn(workDirectory);

        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }
        });

        launcher.startup(systemAttributes(workDirectory, initialConfig));
        try {
            awaitActive(systemConfig.get(), settings);
            if (!TcpProbe.awaitAccepting(probeHost(settings), settings.port(), Duration.ofSeconds(10))) {
                throw new IllegalStateException("AMQP port " + settings.port() + " does not accept connections");
            }
        } catch (Exception | Error e) {
            launcher.shutdown();
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Qpid broker ({} store) ready on {}:{} in {} ms", settings.store(), settings.bindAddress(),
                settings.port(), took.toMillis());
        return new EmbeddedBroker(launcher, settings, took);
    }

    public String host() {
        return probeHost(settings);
    }

    public int port() {
        return settings.port();
    }

    public String user() {
        return settings.user();
    }

    public String password() {
        return settings.password();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** Wall-clock time from {@link #start} to the port accepting connections. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long begin = System.nanoTime();
        launcher.shutdown();
        LOG.info("Qpid broker on port {} stopped in {} ms", settings.port(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    private static Map<String, Object> systemAttributes(Path workDirectory, Path initialConfig) {
        Map<String, String> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, workDirectory.toString());
        context.put(SystemConfig.PROPERTY_QPID_WORK, workDirectory.toString());
        // Qpid closes the whole connection (542) on queue arguments it does not know, which includes
        // RabbitMQ's x-queue-type, x-message-ttl, x-dead-letter-exchange, x-max-length, x-expires and
        // x-max-priority; accept such declarations, log the arguments and ignore them
        context.put(Queue.UNKNOWN_QUEUE_DECLARE_ARGUMENT_BEHAVIOUR_NAME, Queue.BehaviourOnUnknownDeclareArgument.LOG.name());
        Map<String, Object> attributes = new HashMap<>();
        // the broker's own configuration is rebuilt from the initial configuration at every start;
        // durable state lives in the virtual host node's store
        attributes.put(ConfiguredObject.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        attributes.put(ConfiguredObject.CONTEXT, context);
        return attributes;
    }

    private static Path writeInitialConfig(BrokerSettings settings) throws IOException {
        Path file = settings.workDirectory().resolve(INITIAL_CONFIG_FILE);
        Files.deleteIfExists(file);
        // it holds the password: readable by the owner only
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, BrokerConfiguration.json(settings), StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /**
     * Derby (loaded by Qpid's plugin discovery whenever the Derby store plugin is present, whatever the
     * store) writes derby.log into the current directory, Qpid's redirection to slf4j notwithstanding
     * (observed with Derby 10.16); point it at the work directory instead. Derby reads this once per JVM.
     */
    private static void keepDerbyLogIn(Path workDirectory) {
        if (System.getProperty("derby.stream.error.file") == null && System.getProperty("derby.stream.error.style") == null) {
            System.setProperty("derby.stream.error.file", workDirectory.resolve("derby.log").toString());
        }
    }

    private static boolean derbyStoreAvailable() {
        try {
            Class.forName("org.apache.qpid.server.virtualhostnode.derby.DerbyVirtualHostNode", false,
                    EmbeddedBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void awaitActive(SystemConfig<?> systemConfig, BrokerSettings settings) throws InterruptedException {
        if (systemConfig == null) {
            throw new IllegalStateException("Qpid broker did not start (no system configuration)");
        }
        long deadline = System.nanoTime() + ACTIVATION_TIMEOUT.toNanos();
        String waitingFor = "broker";
        while (System.nanoTime() < deadline) {
            Broker<?> broker = (Broker<?>) systemConfig.getContainer((Class) Broker.class);
            if (broker != null) {
                failIfErrored(broker, "broker");
                Port<?> port = broker.getChildByName(Port.class, BrokerConfiguration.AMQP_PORT);
                VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class,
                        BrokerConfiguration.VIRTUAL_HOST_NODE);
                if (port != null) {
                    failIfErrored(port, "AMQP port " + settings.bindAddress() + ":" + settings.port()
                            + " (already in use?)");
                }
                if (node != null) {
                    failIfErrored(node, "virtual host node '" + BrokerConfiguration.VIRTUAL_HOST_NODE
                            + "' (store in " + settings.workDirectory() + " in use by another broker?)");
                }
                VirtualHost<?> host = node == null ? null : node.getVirtualHost();
                if (isActive(broker) && isActive(port) && isActive(node) && isActive(host)) {
                    return;
                }
                waitingFor = !isActive(port) ? "AMQP port" : !isActive(node) ? "virtual host node" : "virtual host";
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Qpid broker not active after " + ACTIVATION_TIMEOUT.toSeconds()
                + " s, waiting for the " + waitingFor);
    }

    private static boolean isActive(ConfiguredObject<?> object) {
        return object != null && object.getState() == State.ACTIVE;
    }

    private static void failIfErrored(ConfiguredObject<?> object, String what) {
        if (object.getState() == State.ERRORED) {
            throw new IllegalStateException("Qpid " + what + " is in state ERRORED");
        }
    }

    private static String probeHost(BrokerSettings settings) {
        String address = settings.bindAddress();
        return address.equals("0.0.0.0") || address.equals("*") || address.equals("::") ? "127.0.0.1" : address;
    }
}
