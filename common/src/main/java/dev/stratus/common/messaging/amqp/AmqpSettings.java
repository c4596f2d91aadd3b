package dev.stratus.common.messaging.amqp;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the AMQP layer needs to know, as a plain value so that tests and tools can build one
 * without CDI. Quarkus services get one from {@code stratus.amqp.*} through
 * {@link dev.stratus.common.messaging.cdi.AmqpConfig}.
 *
 * @param exchange            name of the durable topic exchange; every other name is derived from it
 * @param callTimeout         default time a call waits for its reply
 * @param publishTimeout      how long a publish may wait for a connection plus the broker's confirm
 * @param connectRetryInitial first delay between connection attempts (initial connect and recovery)
 * @param connectRetryMax     cap of the doubling delay between connection attempts
 * @param recentMessageIds    per-consumer capacity of the LRU that drops exact redeliveries
 * @param connectionName      shown by {@code rabbitmqctl list_connections client_properties}
 */
public record AmqpSettings(
        String host,
        int port,
        String username,
        String password,
        String virtualHost,
        String exchange,
        QueueType queueType,
        int prefetch,
        Duration callTimeout,
        Duration publishTimeout,
        Duration connectRetryInitial,
        Duration connectRetryMax,
        Duration heartbeat,
        int recentMessageIds,
        String connectionName) {

    public AmqpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(queueType, "queueType");
        Objects.requireNonNull(connectionName, "connectionName");
        if (exchange == null || exchange.isBlank()) {
            throw new IllegalArgumentException("exchange must not be blank");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (prefetch <= 0 || prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be between 1 and 65535: " + prefetch);
        }
        if (recentMessageIds <= 0) {
            throw new IllegalArgumentException("recentMessageIds must be positive: " + recentMessageIds);
        }
        requirePositive(callTimeout, "callTimeout");
        requirePositive(publishTimeout, "publishTimeout");
        requirePositive(connectRetryInitial, "connectRetryInitial");
        requirePositive(connectRetryMax, "connectRetryMax");
        requirePositive(heartbeat, "heartbeat");
    }

    /** The documented defaults: a local broker with the guest account. */
    public static AmqpSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host).port(port).username(username).password(password).virtualHost(virtualHost)
                .exchange(exchange).queueType(queueType).prefetch(prefetch).callTimeout(callTimeout)
                .publishTimeout(publishTimeout).connectRetry(connectRetryInitial, connectRetryMax)
                .heartbeat(heartbeat).recentMessageIds(recentMessageIds).connectionName(connectionName);
    }

    @Override
    public String toString() {
        // Never print the password: settings end up in start-up logs.
        return "AmqpSettings[amqp://" + username + "@" + host + ":" + port + virtualHostPath()
                + ", exchange=" + exchange + ", queueType=" + queueType + ", prefetch=" + prefetch
                + ", callTimeout=" + callTimeout + ", publishTimeout=" + publishTimeout
                + ", connectRetry=" + connectRetryInitial + ".." + connectRetryMax
                + ", connectionName=" + connectionName + "]";
    }

    private String virtualHostPath() {
        return "/".equals(virtualHost) ? "/" : "/" + virtualHost;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5672;
        private String username = "guest";
        private String password = "guest";
        private String virtualHost = "/";
        private String exchange = "stratus";
        private QueueType queueType = QueueType.CLASSIC;
        private int prefetch = 16;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration publishTimeout = Duration.ofSeconds(30);
        private Duration connectRetryInitial = Duration.ofSeconds(1);
        private Duration connectRetryMax = Duration.ofSeconds(30);
        private Duration heartbeat = Duration.ofSeconds(10);
        private int recentMessageIds = 4096;
        private String connectionName = "stratus";

        private Builder() {
        }

        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder username(String v) { this.username = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder virtualHost(String v) { this.virtualHost = v; return this; }
        public Builder exchange(String v) { this.exchange = v; return this; }
        public Builder queueType(QueueType v) { this.queueType = v; return this; }
        public Builder prefetch(int v) { this.prefetch = v; return this; }
        public Builder callTimeout(Duration v) { this.callTimeout = v; return this; }
        public Builder publishTimeout(Duration v) { this.publishTimeout = v; return this; }
        public Builder heartbeat(Duration v) { this.heartbeat = v; return this; }
        public Builder recentMessageIds(int v) { this.recentMessageIds = v; return this; }
        public Builder connectionName(String v) { this.connectionName = v; return this; }

        public Builder connectRetry(Duration initial, Duration max) {
            this.connectRetryInitial = initial;
            this.connectRetryMax = max;
            return this;
        }

        public AmqpSettings build() {
            return new AmqpSettings(host, port, username, password, virtualHost, exchange, queueType, prefetch,
                    callTimeout, publishTimeout, connectRetryInitial, connectRetryMax, heartbeat, recentMessageIds,
                    connectionName);
        }
    }
}
