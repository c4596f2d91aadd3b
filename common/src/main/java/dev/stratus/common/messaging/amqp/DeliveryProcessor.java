package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.stratus.common.messaging.Envelope;
import dev.stratus.common.messaging.EnvelopeCodec;
import dev.stratus.common.messaging.MalformedMessageException;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageVersion;
import dev.stratus.common.messaging.RequestIds;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns one delivery into a handler invocation and settles it exactly once:
 *
 * <ul>
 * <li>handler completed: ack (after sending the reply, for a call);</li>
 * <li>handler failed on a first delivery: nack and requeue, for one more attempt;</li>
 * <li>handler failed on a redelivery, or the message cannot be handled at all (not an envelope, no
 *     handler for its name, a major version this consumer was not written for): copy to the dead-letter
 *     queue, then ack;</li>
 * <li>an exact redelivery of a message handled moments ago: ack without running the handler.</li>
 * </ul>
 *
 * A failed call is not retried: the error goes back to the waiting caller instead.
 */
public final class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);

    private final HandlerRegistry registry;
    private final EnvelopeCodec codec;
    private final RecentMessageIds recent;
    private final DeadLetterer deadLetterer;
    private final ReplySender replies;
    private final Executor handlers;
    private final AtomicInteger inFlight = new AtomicInteger();

    public DeliveryProcessor(HandlerRegistry registry, EnvelopeCodec codec, RecentMessageIds recent,
            DeadLetterer deadLetterer, ReplySender replies, Executor handlers) {
        this.registry = registry;
        this.codec = codec;
        this.recent = recent;
        this.deadLetterer = deadLetterer;
        this.replies = replies;
        this.handlers = handlers;
    }

    /** Called on the client's consumer thread; the work happens on the handler executor. */
    public void process(Channel channel, String queue, Delivery delivery) {
        Settlement settlement = new Settlement(channel, queue, delivery);
        inFlight.incrementAndGet();
        try {
            handlers.execute(() -> handle(settlement));
        } catch (RejectedExecutionException e) {
            settlement.requeue(); // shutting down: let another consumer have it
        }
    }

    /** Deliveries handed to a handler and not settled yet. */
    public int inFlight() {
        return inFlight.get();
    }

    private void handle(Settlement s) {
        Envelope envelope;
        try {
            envelope = codec.decode(s.delivery.getBody());
        } catch (MalformedMessageException e) {
            reject(s, null, "malformed", e.getMessage());
            return;
        }
        Object previousRequestId = envelope.requestId() == null ? null : MDC.put(RequestIds.MDC_KEY, envelope.requestId());
        try {
            dispatch(s, envelope);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure dispatching %s", describe(s, envelope));
            s.requeue();
        } finally {
            if (previousRequestId == null) {
                MDC.remove(RequestIds.MDC_KEY);
            } else {
                MDC.put(RequestIds.MDC_KEY, previousRequestId);
            }
        }
    }

    private void dispatch(Settlement s, Envelope envelope) {
        if (s.isCall() && s.deadlinePassed()) {
            LOG.infof("Dropping %s: its caller stopped waiting", describe(s, envelope));
            s.ack();
            return;
        }
        HandlerRegistry.Route route = registry.route(envelope.name());
        if (route == null) {
            reject(s, envelope, "unknown_message", "no handler for message '" + envelope.name() + "' on '"
                    + registry.destination() + "'");
            return;
        }
        MessageVersion received = envelope.parsedVersion();
        MessageVersion readable = route.type().version();
        if (!readable.canRead(received)) {
            reject(s, envelope, "unsupported_version", "'" + envelope.name() + "' version " + received
                    + " is not supported here: this consumer reads major version " + readable.major()
                    + " (written for " + readable + ")");
            return;
        }
        if (!recent.claim(envelope.messageId())) {
            LOG.debugf("Dropping duplicate %s: being handled or handled moments ago", describe(s, envelope));
            s.ack();
            return;
        }
        MessageContext context = new MessageContext(registry.destination(), envelope, s.redelivered());
        CompletionStage<Envelope> result;
        try {
            result = route.invoker().invoke(envelope, context);
        } catch (Throwable t) {
            result = CompletableFuture.failedFuture(t);
        }
        result.whenComplete((reply, failure) -> {
            if (failure == null) {
                succeeded(s, envelope, reply);
            } else {
                failed(s, envelope, unwrap(failure));
            }
        });
    }

    private void succeeded(Settlement s, Envelope request, Envelope reply) {
        recent.add(request.messageId());
        if (!s.isCall()) {
            s.ack();
            return;
        }
        CompletableFuture<Void> sent = reply != null
                ? replies.reply(s.replyTo(), s.correlationId(), reply)
                : replies.replyDone(s.replyTo(), s.correlationId(), request.requestId());
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("Reply to %s not confirmed (%s); the caller will time out", describe(s, request),
                        failure.getMessage());
            }
            s.ack();
        });
    }

    private void failed(Settlement s, Envelope envelope, Throwable failure) {
        recent.release(envelope.messageId());
        if (failure instanceof MalformedMessageException) {
            reject(s, envelope, "malformed", failure.getMessage());
        } else if (s.isCall()) {
            LOG.warnf(failure, "Handler for %s failed; returning the error to the caller", describe(s, envelope));
            replies.replyError(s.replyTo(), s.correlationId(), envelope.requestId(), failure.getClass().getName(),
                    String.valueOf(failure.getMessage())).whenComplete((ok, e) -> s.ack());
        } else if (!s.redelivered()) {
            LOG.warnf("Handler for %s failed (%s); requeued for one more attempt", describe(s, envelope),
                    AmqpConnectionManager.describe(failure));
            s.requeue();
        } else {
            LOG.errorf(failure, "Handler for %s failed again on redelivery", describe(s, envelope));
            reject(s, envelope, "handler_failed", AmqpConnectionManager.describe(failure));
        }
    }

    /** To the dead-letter queue (and, for a call, an error reply so the caller need not wait). */
    private void reject(Settlement s, Envelope envelope, String reason, String detail) {
        LOG.errorf("Dead-lettering %s: %s (%s)", describe(s, envelope), reason, detail);
        if (s.isCall()) {
            replies.replyError(s.replyTo(), s.correlationId(), envelope == null ? null : envelope.requestId(), reason,
                    detail);
        }
        deadLetterer.deadLetter(s.delivery, registry.destination(), s.queue, reason, detail)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        s.ack();
                    } else {
                        // Never drop it: keep it on its queue rather than lose it.
                        LOG.errorf("Could not dead-letter %s (%s); requeued", describe(s, envelope),
                                failure.getMessage());
                        s.requeue();
                    }
                });
    }

    private String describe(Settlement s, Envelope envelope) {
        String what = envelope == null
                ? "message " + s.delivery.getProperties().getMessageId()
                : "'" + envelope.name() + "' v" + envelope.version() + " " + envelope.messageId() + " (request "
                        + envelope.requestId() + ")";
        return what + " on '" + registry.destination() + "'" + (s.redelivered() ? " [redelivered]" : "");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One delivery's ack or nack, sent at most once. */
    private final class Settlement {
        final Channel channel;
        final String queue;
        final Delivery delivery;
        private boolean settled;

        Settlement(Channel channel, String queue, Delivery delivery) {
            this.channel = channel;
            this.queue = queue;
            this.delivery = delivery;
        }

        boolean redelivered() {
            return delivery.getEnvelope().isRedeliver();
        }

        String replyTo() {
            return delivery.getProperties().getReplyTo();
        }

        String correlationId() {
            return delivery.getProperties().getCorrelationId();
        }

        boolean isCall() {
            return replyTo() != null && correlationId() != null;
        }

        boolean deadlinePassed() {
            Object deadline = AmqpHeaders.header(delivery.getProperties(), AmqpHeaders.DEADLINE);
            return deadline instanceof Number n && System.currentTimeMillis() > n.longValue();
        }

        void ack() {
            settle(false, false);
        }

        void requeue() {
            settle(true, true);
        }

        private void settle(boolean nack, boolean requeue) {
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
            }
            long tag = delivery.getEnvelope().getDeliveryTag();
            try {
                if (nack) {
                    channel.basicNack(tag, false, requeue);
                } else {
                    channel.basicAck(tag, false);
                }
            } catch (IOException | AlreadyClosedException e) {
                // The channel broke meanwhile: the broker redelivers, and the id cache drops the duplicate.
                LOG.debugf("Could not settle delivery %d on '%s': %s", tag, registry.destination(), e.getMessage());
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
