package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.ShutdownSignalException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One consumer on its own channel: declares its queue, consumes, and keeps consuming.
 *
 * <p>It attaches when the connection first comes up. Connection failures are the client's business (it
 * recovers the channel, re-declares the queue and re-subscribes); this class covers what the client does
 * not: a channel closed by a channel-level error, and a consumer cancelled by the broker (its queue was
 * deleted). In both cases it declares and subscribes again on a new channel.
 */
public abstract class QueueSubscription implements ConnectionListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueSubscription.class);
    private static final long REATTACH_DELAY_MS = 1_000;

    protected final AmqpConnectionManager connections;
    private final ScheduledExecutorService timer;
    private final int prefetch;
    private final boolean autoAck;
    private final CompletableFuture<String> firstAttach = new CompletableFuture<>();

    private volatile Channel channel;
    private volatile String queue;
    private volatile String consumerTag;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param prefetch unacknowledged deliveries the broker may push at once; 0 for no limit
     * @param autoAck  true only for consumers whose messages are worthless after a crash (replies)
     */
    protected QueueSubscription(AmqpConnectionManager connections, ScheduledExecutorService timer, int prefetch,
            boolean autoAck) {
        this.connections = connections;
        this.timer = timer;
        this.prefetch = prefetch;
        this.autoAck = autoAck;
    }

    /** Declares the queue (and whatever it needs) and returns its name. */
    protected abstract String declare(Channel channel) throws IOException;

    /** Called on the client's consumer thread: hand off anything slow. */
    protected abstract void onDelivery(Channel channel, String queue, Delivery delivery);

    /** For log lines: "topic scheduler", "broadcast identity.revocations", ... */
    protected abstract String description();

    /** Attaches now if connected, else as soon as the connection is up. */
    public void start() {
        synchronized (this) {
            if (started || closed) {
                return;
            }
            started = true;
        }
        connections.addListener(this);
    }

    /** Completes with the queue name once the consumer is subscribed for the first time. */
    public CompletableFuture<String> attached() {
        return firstAttach.copy();
    }

    /** The queue consumed now; a server-named queue changes name after every recovery. */
    public String queue() {
        return queue;
    }

    @Override
    public void connected(Connection connection) {
        attach();
    }

    @Override
    public void queueRenamed(String oldName, String newName) {
        if (oldName.equals(queue)) {
            queue = newName;
            LOG.infof("%s now consumes from %s (was %s)", description(), newName, oldName);
        }
    }

    private synchronized void attach() {
        if (closed) {
            return;
        }
        Channel ch = null;
        try {
            ch = connections.openChannel();
            if (prefetch > 0) {
                ch.basicQos(prefetch);
            }
            String q = declare(ch);
            Channel own = ch;
            ch.addShutdownListener(cause -> onChannelShutdown(own, cause));
            consumerTag = ch.basicConsume(q, autoAck,
                    (tag, delivery) -> onDelivery(own, queue, delivery),
                    tag -> onCancelledByBroker(own),
                    (tag, signal) -> { });
            channel = ch;
            queue = q;
            LOG.infof("%s: consuming from queue %s%s", description(), q, prefetch > 0 ? " (prefetch " + prefetch + ")" : "");
            firstAttach.complete(q);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: cannot subscribe (%s); retrying", description(), AmqpConnectionManager.describe(e));
            abortQuietly(ch);
            timer.schedule(this::attach, REATTACH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void onChannelShutdown(Channel ch, ShutdownSignalException cause) {
        if (closed || cause.isHardError() || cause.isInitiatedByApplication()) {
            return; // connection-level: the client recovers channel and consumer
        }
        LOG.errorf("%s: channel closed by the broker (%s); subscribing again", description(),
                AmqpConnectionManager.describe(cause));
        reattachLater(ch);
    }

    private void onCancelledByBroker(Channel ch) {
        if (closed) {
            return;
        }
        LOG.warnf("%s: the broker cancelled the consumer (queue %s deleted?); subscribing again", description(), queue);
        reattachLater(ch);
    }

    private void reattachLater(Channel broken) {
        timer.schedule(() -> {
            synchronized (this) {
                if (channel != broken || closed) {
                    return;
                }
                channel = null;
            }
            abortQuietly(broken);
            attach();
        }, REATTACH_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops new deliveries; in-flight ones may still be settled until {@link #close()}. */
    public void stopConsuming() {
        Channel ch;
        String tag;
        synchronized (this) {
            ch = channel;
            tag = consumerTag;
            consumerTag = null;
        }
        if (ch != null && tag != null && ch.isOpen()) {
            try {
                ch.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: cancel failed: %s", description(), e.getMessage());
            }
        }
    }

    /** Deliveries being handled; subclasses with manual acks report them for a graceful shutdown. */
    protected int inFlight() {
        return 0;
    }

    /** Stops consuming, lets in-flight handlers finish (at most {@code grace}), then closes the channel. */
    public void drainAndClose(Duration grace) {
        stopConsuming();
        long end = System.nanoTime() + grace.toNanos();
        while (inFlight() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        connections.removeListener(this);
        firstAttach.completeExceptionally(new IllegalStateException(description() + " closed"));
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                abortQuietly(ch);
            }
        }
    }

    private static void abortQuietly(Channel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.abort();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }
}
