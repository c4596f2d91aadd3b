package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.stratus.common.messaging.MessagingException;
import dev.stratus.common.messaging.PublishTimeoutException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes on one confirm-mode channel and completes each message's future when the broker confirms it.
 *
 * <p>Confirms are tracked asynchronously by publish sequence number. A message leaves this class only
 * through an ack or its timeout: one that is nacked, or that was unconfirmed when the connection broke,
 * is published again on the recovered channel. Duplicates are therefore possible, loss is not; consumers
 * drop duplicates by message id.
 *
 * <p>Publishing waits for the connection: before the first connect and during recovery, messages queue
 * here until they are sent or their timeout expires.
 */
public final class ConfirmingPublisher implements ConnectionListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfirmingPublisher.class);
    private static final int MAX_NACKS = 5;
    private static final long NACK_DELAY_MS = 100;
    private static final long REOPEN_DELAY_MS = 1_000;

    private final AmqpConnectionManager connections;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Sent, not yet confirmed, by sequence number of the current channel. Read without the lock by the
     * confirm callbacks, so that a reader thread never waits for a publisher blocked on the socket.
     */
    private final ConcurrentSkipListMap<Long, PendingPublish> unconfirmed = new ConcurrentSkipListMap<>();
    /** Waiting for a usable channel, oldest first. Guarded by lock. */
    private final Deque<PendingPublish> unsent = new ArrayDeque<>();
    /** Guarded by lock. */
    private Channel channel;
    /** Highest sequence number used on the current channel. Guarded by lock. */
    private long lastSequence;
    private volatile boolean closed;

    public ConfirmingPublisher(AmqpConnectionManager connections, ScheduledExecutorService timer) {
        this.connections = connections;
        this.timer = timer;
        connections.addListener(this);
    }

    /**
     * Publishes persistently-or-not as the properties say, and completes when the broker has confirmed
     * the message (for a persistent message to a durable queue: written to disk). Fails with a
     * {@link PublishTimeoutException} if that does not happen within {@code timeout}.
     */
    public CompletableFuture<Void> publish(OutboundMessage message, Duration timeout) {
        PendingPublish p = new PendingPublish(message);
        lock.lock();
        try {
            if (closed) {
                p.future.completeExceptionally(new MessagingException("publisher closed: " + message.description()));
                return p.future;
            }
            var expiry = timer.schedule(() -> expire(p, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            p.future.whenComplete((ok, failure) -> expiry.cancel(false));
            unsent.addLast(p);
            flushLocked();
        } finally {
            lock.unlock();
        }
        return p.future;
    }

    /** Messages accepted but not confirmed yet (for health checks and tests). */
    public int outstanding() {
        lock.lock();
        try {
            return unsent.size() + unconfirmed.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void connected(Connection connection) {
        openChannel();
    }

    @Override
    public void recovered(Connection connection) {
        // The client re-opened our channel in confirm mode; send what the broken one left unconfirmed.
        timer.execute(this::flush);
    }

    private void openChannel() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Channel ch = connections.openChannel();
            ch.confirmSelect();
            ch.addConfirmListener(this::onAck, this::onNack);
            ch.addShutdownListener(cause -> onChannelShutdown(ch, cause));
            // A new channel object restarts sequence numbers: earlier ones can never be confirmed.
            requeueUnconfirmedLocked();
            channel = ch;
            lastSequence = 0;
            flushLocked();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot open publishing channel (%s); retrying", AmqpConnectionManager.describe(e));
            timer.schedule(this::openChannel, REOPEN_DELAY_MS, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void onChannelShutdown(Channel ch, ShutdownSignalException cause) {
        if (cause.isHardError() || cause.isInitiatedByApplication() || closed) {
            return; // connection-level: the client recovers this channel itself
        }
        // A channel-level error (e.g. an exchange deleted behind our back) is not recovered by the client.
        LOG.errorf("Publishing channel closed by the broker: %s; opening a new one",
                AmqpConnectionManager.describe(cause));
        timer.schedule(() -> {
            lock.lock();
            try {
                if (channel == ch) {
                    openChannel();
                }
            } finally {
                lock.unlock();
            }
        }, REOPEN_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() {
        Channel ch = channel;
        if (closed || ch == null || !ch.isOpen()) {
            return;
        }
        long next = ch.getNextPublishSeqNo();
        if (next == 0) {
            return; // being recovered, not in confirm mode yet; recovered() flushes
        }
        if (next <= lastSequence) {
            // The client swapped in a new channel during recovery and its sequence numbers restarted.
            requeueUnconfirmedLocked();
            lastSequence = 0;
        }
        PendingPublish p;
        while ((p = unsent.peekFirst()) != null) {
            if (p.future.isDone()) {
                unsent.pollFirst();
                continue;
            }
            long sequence = ch.getNextPublishSeqNo();
            p.sequence = sequence;
            p.attempts++;
            unconfirmed.put(sequence, p);
            OutboundMessage m = p.message;
            try {
                ch.basicPublish(m.exchange(), m.routingKey(), false, m.properties(), m.body());
            } catch (IOException | AlreadyClosedException e) {
                unconfirmed.remove(sequence, p);
                LOG.debugf("Publish of %s deferred until the channel is back: %s", m.description(), e.getMessage());
                return;
            }
            lastSequence = sequence;
            unsent.pollFirst();
        }
    }

    /** Moves every unconfirmed message, in publish order, in front of the unsent ones. */
    private void requeueUnconfirmedLocked() {
        if (unconfirmed.isEmpty()) {
            return;
        }
        List<PendingPublish> again = new ArrayList<>(unconfirmed.values());
        unconfirmed.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            unsent.addFirst(again.get(i));
        }
        LOG.infof("Republishing %d unconfirmed message(s) on the recovered channel", again.size());
    }

    private void onAck(long sequence, boolean multiple) {
        for (PendingPublish p : take(sequence, multiple)) {
            p.future.complete(null);
        }
    }

    private void onNack(long sequence, boolean multiple) {
        for (PendingPublish p : take(sequence, multiple)) {
            // The broker could not take it (an internal error, or a full queue that rejects publishes):
            // try again a little later. Off the connection's reader thread, which must never wait for the lock.
            int nacks = ++p.nacks;
            if (nacks > MAX_NACKS) {
                p.future.completeExceptionally(new MessagingException(
                        "broker refused " + p.message.description() + " " + nacks + " times"));
                continue;
            }
            LOG.warnf("Broker nacked %s; publishing it again in %d ms", p.message.description(), NACK_DELAY_MS * nacks);
            try {
                timer.schedule(() -> republishAfterNack(p), NACK_DELAY_MS * nacks, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                p.future.completeExceptionally(new MessagingException("publisher closed: " + p.message.description()));
            }
        }
    }

    private void republishAfterNack(PendingPublish p) {
        lock.lock();
        try {
            if (!p.future.isDone() && !closed) {
                unsent.addLast(p);
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private List<PendingPublish> take(long sequence, boolean multiple) {
        if (!multiple) {
            PendingPublish p = unconfirmed.remove(sequence);
            return p == null ? List.of() : List.of(p);
        }
        NavigableMap<Long, PendingPublish> head = unconfirmed.headMap(sequence, true);
        List<PendingPublish> taken = new ArrayList<>(head.values());
        head.clear();
        return taken;
    }

    private void expire(PendingPublish p, Duration timeout) {
        String why = p.attempts == 0
                ? "no usable connection to the broker within " + timeout.toMillis() + " ms; it was not sent"
                : "not confirmed by the broker within " + timeout.toMillis()
                        + " ms; it may or may not have been delivered";
        if (p.future.completeExceptionally(new PublishTimeoutException(p.message.description() + ": " + why))) {
            lock.lock();
            try {
                unsent.remove(p);
                unconfirmed.remove(p.sequence, p);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        List<PendingPublish> abandoned = new ArrayList<>();
        Channel ch;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abandoned.addAll(unsent);
            abandoned.addAll(unconfirmed.values());
            unsent.clear();
            unconfirmed.clear();
            ch = channel;
            channel = null;
        } finally {
            lock.unlock();
        }
        connections.removeListener(this);
        abandoned.forEach(p -> p.future.completeExceptionally(
                new MessagingException("publisher closed before " + p.message.description() + " was confirmed")));
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // the connection closes next anyway
            }
        }
    }
}
