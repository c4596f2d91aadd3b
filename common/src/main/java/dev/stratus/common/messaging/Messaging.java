package dev.stratus.common.messaging;

import dev.stratus.common.messaging.amqp.AmqpConnectionManager;
import dev.stratus.common.messaging.amqp.AmqpHeaders;
import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.common.messaging.amqp.ConfirmingPublisher;
import dev.stratus.common.messaging.amqp.ConnectionListener;
import dev.stratus.common.messaging.amqp.DeadLetterer;
import dev.stratus.common.messaging.amqp.DeliveryProcessor;
import dev.stratus.common.messaging.amqp.FanoutSubscriber;
import dev.stratus.common.messaging.amqp.HandlerRegistry;
import dev.stratus.common.messaging.amqp.OutboundMessage;
import dev.stratus.common.messaging.amqp.PublisherTopology;
import dev.stratus.common.messaging.amqp.QueueSubscription;
import dev.stratus.common.messaging.amqp.RecentMessageIds;
import dev.stratus.common.messaging.amqp.ReplySender;
import dev.stratus.common.messaging.amqp.RpcClient;
import dev.stratus.common.messaging.amqp.TopicConsumer;
import dev.stratus.common.messaging.amqp.Topology;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The messaging API of a Stratus process: casts, calls and broadcasts out, handlers in.
 *
 * <pre>{@code
 * Messaging messaging = new Messaging(AmqpSettings.defaults());
 * messaging.subscribe("scheduler", BuildRequest.TYPE, (request, ctx) -> scheduler.build(request));
 * messaging.serve("compute.host1", PowerStateQuery.TYPE, PowerState.TYPE, (query, ctx) -> driver.powerState(query));
 * messaging.start();                                   // returns at once; connects in the background
 * messaging.cast("scheduler", BuildRequest.TYPE, new BuildRequest(...));             // CompletableFuture<Void>
 * messaging.call("compute.host1", PowerStateQuery.TYPE, query, PowerState.TYPE);     // CompletableFuture<PowerState>
 * messaging.broadcast("identity.revocations", Revocation.TYPE, revocation);
 * }</pre>
 *
 * Futures of casts and broadcasts complete when the broker confirmed the (persistent) message. Quarkus
 * services get an instance from {@link dev.stratus.common.messaging.cdi.MessagingProducer}.
 */
public final class Messaging implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Messaging.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private record Endpoint(HandlerRegistry registry, QueueSubscription consumer) {
    }

    private final AmqpSettings settings;
    private final EnvelopeCodec codec;
    private final Topology topology;
    private final AmqpConnectionManager connections;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService handlerExecutor;
    private final ConfirmingPublisher publisher;
    private final PublisherTopology declarations;
    private final DeadLetterer deadLetterer;
    private final ReplySender replies;
    private final Map<String, Endpoint> topics = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> broadcasts = new ConcurrentHashMap<>();
    private volatile RpcClient rpcClient;
    private volatile boolean started;
    private volatile boolean closed;

    public Messaging(AmqpSettings settings) {
        this(settings, new EnvelopeCodec());
    }

    public Messaging(AmqpSettings settings, EnvelopeCodec codec) {
        this.settings = settings;
        this.codec = codec;
        this.topology = new Topology(settings.exchange(), settings.queueType());
        this.connections = new AmqpConnectionManager(settings);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "stratus-amqp-timer");
            t.setDaemon(true);
            return t;
        });
        // Every publish schedules a timeout that is almost always cancelled: do not keep them queued.
        this.timer.setRemoveOnCancelPolicy(true);
        // Handlers may block (database, libvirt): one virtual thread per delivery, bounded by the prefetch.
        this.handlerExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stratus-amqp-handler-", 0).factory());
        this.publisher = new ConfirmingPublisher(connections, timer);
        this.declarations = new PublisherTopology(connections, topology, timer);
        this.deadLetterer = new DeadLetterer(topology, publisher, settings.publishTimeout());
        this.replies = new ReplySender(topology, publisher, codec, settings.publishTimeout());
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Connects in the background and attaches every registered handler once connected. Returns at once. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("messaging closed");
        }
        started = true;
        connections.start();
        topics.values().forEach(e -> e.consumer().start());
        broadcasts.values().forEach(e -> e.consumer().start());
    }

    /** Completes when the first connection to the broker is up. */
    public CompletableFuture<Void> connected() {
        return connections.connection().thenApply(c -> null);
    }

    /** Completes when every subscription registered so far consumes from its queue. */
    public CompletableFuture<Void> ready() {
        List<CompletableFuture<String>> attached = new ArrayList<>();
        topics.values().forEach(e -> attached.add(e.consumer().attached()));
        broadcasts.values().forEach(e -> attached.add(e.consumer().attached()));
        return CompletableFuture.allOf(attached.toArray(CompletableFuture[]::new));
    }

    public boolean isConnected() {
        return connections.isOpen();
    }

    /** Connection events, e.g. to re-sync state a broadcast may have missed while disconnected. */
    public void addConnectionListener(ConnectionListener listener) {
        connections.addListener(listener);
    }

    // ---- handlers --------------------------------------------------------------------------------

    /** Handles casts of {@code type} sent to {@code topic}; one handler per message type and topic. */
    public synchronized <T> void subscribe(String topic, MessageType<T> type, MessageHandler<T> handler) {
        Endpoint endpoint = topicEndpoint(topic);
        endpoint.registry().onCast(type, handler);
        startIfRunning(endpoint);
    }

    /** Answers calls of {@code type} sent to {@code topic} with a {@code replyType} reply. */
    public synchronized <Q, R> void serve(String topic, MessageType<Q> type, MessageType<R> replyType,
            RpcHandler<Q, R> handler) {
        Endpoint endpoint = topicEndpoint(topic);
        endpoint.registry().onCall(type, replyType, handler);
        startIfRunning(endpoint);
    }

    /** Receives every broadcast of {@code type} on {@code fanout}, in this process. */
    public synchronized <T> void subscribeBroadcast(String fanout, MessageType<T> type, MessageHandler<T> handler) {
        Endpoint endpoint = broadcasts.computeIfAbsent(Topology.requireTopic(fanout), f -> {
            HandlerRegistry registry = new HandlerRegistry(f, codec);
            return new Endpoint(registry, new FanoutSubscriber(connections, timer, topology, f, processor(registry),
                    settings.prefetch()));
        });
        endpoint.registry().onCast(type, handler);
        startIfRunning(endpoint);
    }

    private Endpoint topicEndpoint(String topic) {
        return topics.computeIfAbsent(Topology.requireTopic(topic), t -> {
            HandlerRegistry registry = new HandlerRegistry(t, codec);
            return new Endpoint(registry, new TopicConsumer(connections, timer, topology, t, processor(registry),
                    settings.prefetch()));
        });
    }

    private DeliveryProcessor processor(HandlerRegistry registry) {
        return new DeliveryProcessor(registry, codec, new RecentMessageIds(settings.recentMessageIds()), deadLetterer,
                replies, handlerExecutor);
    }

    private void startIfRunning(Endpoint endpoint) {
        // Consumers attach only after start(), so that all handlers of a topic are registered before the
        // first message arrives (an unknown message name is dead-lettered).
        if (started) {
            endpoint.consumer().start();
        }
    }

    // ---- casts -----------------------------------------------------------------------------------

    /** Fire and forget to one consumer of {@code topic}; completes when the broker confirmed it. */
    public <T> CompletableFuture<Void> cast(String topic, MessageType<T> type, T payload) {
        return cast(topic, type, payload, RequestIds.currentOrNew());
    }

    public <T> CompletableFuture<Void> cast(String topic, MessageType<T> type, T payload, String requestId) {
        return cast(topic, codec.wrap(type, payload, requestId));
    }

    /** Casts a ready-made envelope (tools, tests, re-sending a dead letter). */
    public CompletableFuture<Void> cast(String topic, Envelope envelope) {
        Topology.requireTopic(topic);
        OutboundMessage message = new OutboundMessage(topology.topicExchange(), topic,
                AmqpHeaders.forEnvelope(envelope, true).build(), codec.encode(envelope),
                "cast " + envelope.name() + " " + envelope.messageId() + " to " + topic);
        return publishAfter(declarations.ensureTopic(topic), message);
    }

    // ---- broadcasts ------------------------------------------------------------------------------

    /** To every subscriber of {@code fanout}, in every process; completes when the broker confirmed it. */
    public <T> CompletableFuture<Void> broadcast(String fanout, MessageType<T> type, T payload) {
        return broadcast(fanout, type, payload, RequestIds.currentOrNew());
    }

    public <T> CompletableFuture<Void> broadcast(String fanout, MessageType<T> type, T payload, String requestId) {
        return broadcast(fanout, codec.wrap(type, payload, requestId));
    }

    public CompletableFuture<Void> broadcast(String fanout, Envelope envelope) {
        OutboundMessage message = new OutboundMessage(topology.fanoutExchange(fanout), "",
                AmqpHeaders.forEnvelope(envelope, true).build(), codec.encode(envelope),
                "broadcast " + envelope.name() + " " + envelope.messageId() + " on " + fanout);
        return publishAfter(declarations.ensureFanout(fanout), message);
    }

    private CompletableFuture<Void> publishAfter(CompletableFuture<Void> declared, OutboundMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new MessagingException("messaging closed"));
        }
        Duration timeout = settings.publishTimeout();
        long start = System.nanoTime();
        CompletableFuture<Void> ready = declared.copy();
        var expiry = timer.schedule(() -> ready.completeExceptionally(new PublishTimeoutException(
                message.description() + ": no usable connection to the broker within " + timeout.toMillis()
                        + " ms; it was not sent")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        ready.whenComplete((ok, e) -> expiry.cancel(false));
        return ready.thenCompose(ok -> {
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            return publisher.publish(message, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
        });
    }

    // ---- calls -----------------------------------------------------------------------------------

    /** Request/reply with the configured call timeout. */
    public <Q, R> CompletableFuture<R> call(String topic, MessageType<Q> type, Q request, MessageType<R> replyType) {
        return call(topic, type, request, replyType, settings.callTimeout(), RequestIds.currentOrNew());
    }

    /**
     * Sends {@code request} to one server of {@code topic} and completes with its reply. Fails with
     * {@link RpcTimeoutException} after {@code timeout}, or {@link RemoteCallException} if the server's
     * handler failed or could not read the request.
     */
    public <Q, R> CompletableFuture<R> call(String topic, MessageType<Q> type, Q request, MessageType<R> replyType,
            Duration timeout, String requestId) {
        return call(topic, codec.wrap(type, request, requestId), timeout).thenApply(reply -> readReply(reply, replyType));
    }

    /** Calls with a ready-made envelope; completes with the reply envelope. */
    public CompletableFuture<Envelope> call(String topic, Envelope request, Duration timeout) {
        Topology.requireTopic(topic);
        if (closed) {
            return CompletableFuture.failedFuture(new MessagingException("messaging closed"));
        }
        return rpc().call(topic, request, timeout);
    }

    private <R> R readReply(Envelope reply, MessageType<R> replyType) {
        if (!reply.name().equals(replyType.name())) {
            throw new MessagingException("expected reply '" + replyType.name() + "' but got '" + reply.name() + "'");
        }
        if (!replyType.version().canRead(reply.parsedVersion())) {
            throw new MessagingException("reply '" + reply.name() + "' version " + reply.version()
                    + " cannot be read by this caller (written for " + replyType.version() + ")");
        }
        return codec.payload(reply, replyType.payloadClass());
    }

    private RpcClient rpc() {
        RpcClient client = rpcClient;
        if (client == null) {
            synchronized (this) {
                if (rpcClient == null) {
                    rpcClient = new RpcClient(connections, timer, topology, declarations, publisher, codec);
                }
                client = rpcClient;
            }
        }
        return client;
    }

    // ---- introspection ---------------------------------------------------------------------------

    /** This process's current server-named reply queue; null before the first call attached it. */
    public String replyQueue() {
        RpcClient client = rpcClient;
        return client == null ? null : client.replyQueue();
    }

    /** Completes when the reply queue is consumed, creating it if no call was made yet. */
    public CompletableFuture<String> replyQueueReady() {
        return rpc().ready();
    }

    /**
     * The queue each subscription consumes now, by topic and by {@code "broadcast:" + fanout}. Broadcast
     * queues are server-named and change after every recovery.
     */
    public Map<String, String> consumedQueues() {
        Map<String, String> queues = new java.util.TreeMap<>();
        topics.forEach((topic, e) -> queues.put(topic, e.consumer().queue()));
        broadcasts.forEach((fanout, e) -> queues.put("broadcast:" + fanout, e.consumer().queue()));
        return queues;
    }

    /** Publishes accepted but not yet confirmed by the broker. */
    public int outstandingPublishes() {
        return publisher.outstanding();
    }

    public AmqpSettings settings() {
        return settings;
    }

    public Topology topology() {
        return topology;
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    // ---- shutdown --------------------------------------------------------------------------------

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops consuming, gives in-flight handlers and unconfirmed publishes up to {@code grace} to finish,
     * then closes the connection. What is left unacknowledged is redelivered to another consumer.
     */
    public void close(Duration grace) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long end = System.nanoTime() + grace.toNanos();
        List<QueueSubscription> consumers = new ArrayList<>();
        topics.values().forEach(e -> consumers.add(e.consumer()));
        broadcasts.values().forEach(e -> consumers.add(e.consumer()));
        consumers.forEach(QueueSubscription::stopConsuming);
        consumers.forEach(c -> c.drainAndClose(Duration.ofNanos(Math.max(0, end - System.nanoTime()))));
        while (publisher.outstanding() > 0 && System.nanoTime() < end && connections.isOpen()) {
            sleep(10);
        }
        if (rpcClient != null) {
            rpcClient.close();
        }
        publisher.close();
        declarations.close();
        connections.close();
        timer.shutdownNow();
        handlerExecutor.shutdownNow();
        LOG.debugf("Messaging on exchange %s closed", settings.exchange());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
