package dev.stratus.deploy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an {@link EmbeddedBroker} is started with.
 *
 * @param port          AMQP port
 * @param workDirectory Qpid's work directory; the DERBY message store lives below it
 * @param user          the one user of the Plain authentication provider
 * @param password      that user's password
 * @param store         where the virtual host keeps durable queues and persistent messages
 * @param bindAddress   address the AMQP port listens on
 */
public record BrokerSettings(int port, Path workDirectory, String user, String password, Store store,
                             String bindAddress) {

    public static final String DEFAULT_USER = "guest";
    public static final String DEFAULT_PASSWORD = "guest";
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** DERBY survives restarts; MEMORY is faster to start and forgets everything on stop. */
    public enum Store {
        DERBY, MEMORY
    }

    public BrokerSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(store, "store");
        requireLiteral("user", user);
        requireLiteral("password", password);
        requireLiteral("bindAddress", bindAddress);
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user must not be empty");
        }
        workDirectory = workDirectory.toAbsolutePath().normalize();
    }

    /** Durable broker with guest/guest on 127.0.0.1. */
    public static BrokerSettings of(int port, Path workDirectory) {
        return new BrokerSettings(port, workDirectory, DEFAULT_USER, DEFAULT_PASSWORD, Store.DERBY,
                DEFAULT_BIND_ADDRESS);
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(newPort, workDirectory, user, password, store, bindAddress);
    }

    public BrokerSettings withCredentials(String newUser, String newPassword) {
        return new BrokerSettings(port, workDirectory, newUser, newPassword, store, bindAddress);
    }

    public BrokerSettings withStore(Store newStore) {
        return new BrokerSettings(port, workDirectory, user, password, newStore, bindAddress);
    }

    public BrokerSettings withBindAddress(String newBindAddress) {
        return new BrokerSettings(port, workDirectory, user, password, store, newBindAddress);
    }

    // Qpid expands ${...} inside configuration values; refuse rather than silently change a value.
    private static void requireLiteral(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.contains("${")) {
            throw new IllegalArgumentException(name + " must not contain '${'");
        }
    }
}
