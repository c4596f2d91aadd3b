package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Owns the one AMQP connection of a process.
 *
 * <p>The client's automatic recovery only starts once a first connection exists, so the first connection
 * is retried here, in the background, with {@link ConnectBackoff}: a service starts whether or not the
 * broker is up. After that the client recovers connection, channels, exchanges, queues, bindings and
 * consumers itself; this class only logs and fans the events out to {@link ConnectionListener}s.
 */
public final class AmqpConnectionManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AmqpConnectionManager.class);

    private final AmqpSettings settings;
    private final ConnectionFactory factory;
    private final ConnectBackoff backoff;
    private final ScheduledExecutorService connector;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Connection> firstConnection = new CompletableFuture<>();
    private final Object lock = new Object();

    private volatile Connection connection;
    private volatile boolean started;
    private volatile boolean closed;
    private int failedAttempts;

    public AmqpConnectionManager(AmqpSettings settings) {
        this.settings = settings;
        this.backoff = new ConnectBackoff(settings.connectRetryInitial(), settings.connectRetryMax());
        this.factory = newFactory(settings, backoff);
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stratus-amqp-connect");
            t.setDaemon(true);
            return t;
        });
    }

    private static ConnectionFactory newFactory(AmqpSettings settings, ConnectBackoff backoff) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(settings.host());
        f.setPort(settings.port());
        f.setUsername(settings.username());
        f.setPassword(settings.password());
        f.setVirtualHost(settings.virtualHost());
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setRecoveryDelayHandler(backoff);
        f.setRequestedHeartbeat((int) Math.max(1, settings.heartbeat().toSeconds()));
        f.setConnectionTimeout(5_000);
        // The default handler closes a channel whose consumer callback throws; ours never should, but a
        // bug in one handler must not silently stop a whole topic.
        f.setExceptionHandler(new ForgivingExceptionHandler());
        return f;
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
        }
        LOG.infof("Connecting to AMQP broker %s", settings);
        connector.execute(this::attemptConnect);
    }

    /**
     * Registers a listener. If the connection is already up, {@link ConnectionListener#connected} is
     * called at once on the caller's thread, so every listener hears about it exactly once.
     */
    public void addListener(ConnectionListener listener) {
        Connection current;
        synchronized (lock) {
            listeners.add(listener);
            current = connection;
        }
        if (current != null) {
            notifyConnected(listener, current);
        }
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** Completes with the connection once the first connection attempt succeeded. */
    public CompletableFuture<Connection> connection() {
        return firstConnection.copy();
    }

    /** True while the connection is usable (false before the first connect and during recovery). */
    public boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** Opens a channel; the client re-opens it after recovery. */
    public Channel openChannel() throws IOException {
        Connection c = connection;
        if (c == null) {
            throw new IOException("AMQP connection not established yet");
        }
        return c.createChannel();
    }

    public AmqpSettings settings() {
        return settings;
    }

    private void attemptConnect() {
        if (closed) {
            return;
        }
        Connection c;
        try {
            c = factory.newConnection(settings.connectionName());
        } catch (IOException | TimeoutException | RuntimeException e) {
            long delay = backoff.getDelay(failedAttempts++);
            LOG.warnf("AMQP broker %s:%d not reachable (%s); attempt %d, retrying in %d ms",
                    settings.host(), settings.port(), describe(e), failedAttempts, delay);
            connector.schedule(this::attemptConnect, delay, TimeUnit.MILLISECONDS);
            return;
        }
        wire(c);
        List<ConnectionListener> snapshot;
        synchronized (lock) {
            if (closed) {
                closeQuietly(c);
                return;
            }
            connection = c;
            snapshot = List.copyOf(listeners);
        }
        LOG.infof("Connected to AMQP broker %s:%d vhost '%s' as '%s' (%s %s)", settings.host(), settings.port(),
                settings.virtualHost(), settings.connectionName(), c.getServerProperties().get("product"),
                c.getServerProperties().get("version"));
        snapshot.forEach(l -> notifyConnected(l, c));
        firstConnection.complete(c);
    }

    private void wire(Connection c) {
        c.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                LOG.warnf("AMQP connection '%s' lost: %s; recovering automatically",
                        settings.connectionName(), describe(cause));
                listeners.forEach(l -> safely(() -> l.connectionLost(cause)));
            }
        });
        ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                LOG.infof("AMQP connection '%s': recovery started", settings.connectionName());
            }

            @Override
            public void handleRecovery(Recoverable recoverable) {
                LOG.infof("AMQP connection '%s' recovered (channels, topology and consumers restored)",
                        settings.connectionName());
                listeners.forEach(l -> safely(() -> l.recovered(c)));
            }
        });
        if (c instanceof AutorecoveringConnection arc) {
            arc.addQueueRecoveryListener((oldName, newName) -> {
                if (!oldName.equals(newName)) {
                    LOG.infof("Server-named queue %s re-declared as %s after recovery", oldName, newName);
                    listeners.forEach(l -> safely(() -> l.queueRenamed(oldName, newName)));
                }
            });
        }
        c.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                LOG.warnf("AMQP broker blocked publishing on '%s': %s", settings.connectionName(), reason);
            }

            @Override
            public void handleUnblocked() {
                LOG.infof("AMQP broker unblocked publishing on '%s'", settings.connectionName());
            }
        });
    }

    private static void notifyConnected(ConnectionListener l, Connection c) {
        safely(() -> l.connected(c));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("AMQP connection listener failed", e);
        }
    }

    static String describe(Throwable e) {
        if (e instanceof ShutdownSignalException sse && sse.getReason() != null) {
            return sse.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close(2_000);
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        Connection c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
        }
        connector.shutdownNow();
        firstConnection.completeExceptionally(new IllegalStateException("AMQP connection manager closed"));
        if (c != null) {
            closeQuietly(c);
            LOG.infof("AMQP connection '%s' closed", settings.connectionName());
        }
    }
}
