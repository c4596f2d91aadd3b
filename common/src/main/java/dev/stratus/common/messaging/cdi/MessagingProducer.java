package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.Messaging;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Quarkus glue around {@link Messaging}: produces the process's single instance from {@link AmqpConfig},
 * subscribes every {@link TopicListener}, {@link RpcEndpoint} and {@link BroadcastListener} bean, and
 * starts it after the application's own start-up observers (so handlers they register programmatically
 * are in place before the first message). The broker need not be up: start() connects in the background.
 */
@ApplicationScoped
public class MessagingProducer {

    private static final Logger LOG = Logger.getLogger(MessagingProducer.class);

    private final AmqpConfig config;
    private final String applicationName;

    public MessagingProducer(AmqpConfig config,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "stratus") String applicationName) {
        this.config = config;
        this.applicationName = applicationName;
    }

    @Produces
    @Singleton
    Messaging messaging() {
        return new Messaging(config.toSettings(applicationName + "@" + hostName()));
    }

    void dispose(@Disposes Messaging messaging) {
        messaging.close(config.shutdownGrace());
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event, Messaging messaging,
            @Any Instance<TopicListener<?>> topicListeners, @Any Instance<RpcEndpoint<?, ?>> rpcEndpoints,
            @Any Instance<BroadcastListener<?>> broadcastListeners) {
        if (!config.enabled()) {
            LOG.info("AMQP messaging disabled (stratus.amqp.enabled=false)");
            return;
        }
        topicListeners.forEach(l -> subscribe(messaging, l));
        rpcEndpoints.forEach(e -> serve(messaging, e));
        broadcastListeners.forEach(l -> subscribeBroadcast(messaging, l));
        messaging.start();
    }

    void stop(@Observes ShutdownEvent event, Messaging messaging) {
        // Before the container destroys the beans that handlers use.
        messaging.close(config.shutdownGrace());
    }

    private static <T> void subscribe(Messaging messaging, TopicListener<T> listener) {
        messaging.subscribe(listener.topic(), listener.type(), listener);
    }

    private static <Q, R> void serve(Messaging messaging, RpcEndpoint<Q, R> endpoint) {
        messaging.serve(endpoint.topic(), endpoint.requestType(), endpoint.replyType(), endpoint);
    }

    private static <T> void subscribeBroadcast(Messaging messaging, BroadcastListener<T> listener) {
        messaging.subscribeBroadcast(listener.fanout(), listener.type(), listener);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
