package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.common.messaging.amqp.QueueType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code stratus.amqp.*}: how a Quarkus service reaches the broker. */
@ConfigMapping(prefix = "stratus.amqp")
public interface AmqpConfig {

    /** Connect on start-up. Services that do not use AMQP (or their tests) can turn it off. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5672")
    int port();

    @WithDefault("guest")
    String username();

    @WithDefault("guest")
    String password();

    @WithDefault("/")
    String virtualHost();

    /** Name of the topic exchange; every queue and exchange name starts with it. */
    @WithDefault("stratus")
    String exchange();

    /** {@code classic} (any broker) or {@code quorum} (RabbitMQ cluster). */
    @WithDefault("classic")
    QueueType queueType();

    /** Unacknowledged messages a consumer may hold, i.e. handlers running at once per topic. */
    @WithDefault("16")
    int prefetch();

    @WithDefault("30s")
    Duration callTimeout();

    /** How long a cast or broadcast may wait for a connection plus the broker's confirm. */
    @WithDefault("30s")
    Duration publishConfirmTimeout();

    ConnectRetry connectRetry();

    @WithDefault("10s")
    Duration heartbeat();

    /** Capacity of each consumer's LRU of handled message ids (drops exact redeliveries). */
    @WithDefault("4096")
    int recentMessageIds();

    /** Shown in the broker's connection list; defaults to the application name and host name. */
    Optional<String> connectionName();

    /** How long shutdown waits for in-flight handlers and unconfirmed publishes. */
    @WithDefault("10s")
    Duration shutdownGrace();

    interface ConnectRetry {

        /** First delay between connection attempts; doubles up to {@code max}. */
        @WithDefault("1s")
        Duration initial();

        @WithDefault("30s")
        Duration max();
    }

    default AmqpSettings toSettings(String defaultConnectionName) {
        return AmqpSettings.builder()
                .host(host())
                .port(port())
                .username(username())
                .password(password())
                .virtualHost(virtualHost())
                .exchange(exchange())
                .queueType(queueType())
                .prefetch(prefetch())
                .callTimeout(callTimeout())
                .publishTimeout(publishConfirmTimeout())
                .connectRetry(connectRetry().initial(), connectRetry().max())
                .heartbeat(heartbeat())
                .recentMessageIds(recentMessageIds())
                .connectionName(connectionName().orElse(defaultConnectionName))
                .build();
    }
}
