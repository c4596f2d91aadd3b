package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * What a component that owns channels needs to hear about the one shared connection.
 *
 * <p>Callbacks run on the client's connection or recovery threads, or on the connect thread: they must
 * not block for long and must not throw.
 */
public interface ConnectionListener {

    /** The first successful connection; channels opened now are recovered by the client afterwards. */
    default void connected(Connection connection) {
    }

    /** The connection went away for a reason other than our own close; automatic recovery follows. */
    default void connectionLost(ShutdownSignalException cause) {
    }

    /** Automatic recovery finished: connection, channels, topology and consumers are back. */
    default void recovered(Connection connection) {
    }

    /** Topology recovery re-declared a server-named queue, which therefore has a new name. */
    default void queueRenamed(String oldName, String newName) {
    }
}
