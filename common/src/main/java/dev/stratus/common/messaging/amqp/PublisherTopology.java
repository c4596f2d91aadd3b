package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Channel;
import dev.stratus.common.messaging.MessagingException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Declares, once per process and destination, what a publisher needs before its first message: the
 * topic's durable queue (so a cast sent before any consumer ever started waits in the queue instead of
 * being dropped as unroutable) or the broadcast's fanout exchange.
 *
 * <p>Declarations use one long-lived channel, because the client re-declares recorded entities after a
 * recovery through the channel that declared them. While the connection is down they are retried.
 */
public final class PublisherTopology implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PublisherTopology.class);
    private static final long RETRY_MS = 500;

    @FunctionalInterface
    private interface Declaration {
        void declare(Channel channel) throws IOException;
    }

    private final AmqpConnectionManager connections;
    private final Topology topology;
    private final ScheduledExecutorService timer;
    private final Map<String, CompletableFuture<Void>> declared = new ConcurrentHashMap<>();
    private Channel channel; // guarded by this
    private volatile boolean closed;

    public PublisherTopology(AmqpConnectionManager connections, Topology topology, ScheduledExecutorService timer) {
        this.connections = connections;
        this.topology = topology;
        this.timer = timer;
    }

    /** Completes once the topic's queue exists. Shared future: copy() it before adding timeouts. */
    public CompletableFuture<Void> ensureTopic(String topic) {
        return ensure("topic " + topic, ch -> topology.declareTopicQueue(ch, topic));
    }

    /** Completes once the broadcast's exchange exists. Shared future: copy() it before adding timeouts. */
    public CompletableFuture<Void> ensureFanout(String fanout) {
        return ensure("broadcast " + fanout, ch -> topology.declareFanoutExchange(ch, fanout));
    }

    private CompletableFuture<Void> ensure(String key, Declaration declaration) {
        CompletableFuture<Void> existing = declared.get(key);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> created = new CompletableFuture<>();
        existing = declared.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        connections.connection().whenComplete((c, e) -> later(() -> attempt(key, declaration, created), 0));
        return created;
    }

    private void attempt(String key, Declaration declaration, CompletableFuture<Void> result) {
        if (closed) {
            declared.remove(key, result);
            result.completeExceptionally(new MessagingException("messaging closed before " + key + " was declared"));
            return;
        }
        synchronized (this) {
            try {
                if (channel == null) {
                    channel = connections.openChannel();
                }
                declaration.declare(channel);
                result.complete(null);
                return;
            } catch (IOException | RuntimeException e) {
                if (connections.isOpen() && channel != null && !channel.isOpen()) {
                    // The connection is fine, so the broker refused this declaration and closed the channel
                    // (e.g. the queue exists with another queue type). Retrying will not help.
                    channel = null;
                    declared.remove(key, result);
                    LOG.errorf("Cannot declare %s: %s", key, AmqpConnectionManager.describe(e));
                    result.completeExceptionally(new MessagingException("cannot declare " + key + ": "
                            + AmqpConnectionManager.describe(e), e));
                    return;
                }
                LOG.debugf("Declaring %s deferred: %s", key, e.getMessage());
            }
        }
        later(() -> attempt(key, declaration, result), RETRY_MS); // connection down: recovery is under way
    }

    private void later(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        declared.values().forEach(f -> f.completeExceptionally(new MessagingException("messaging closed")));
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // the connection closes next anyway
            }
        }
    }
}
