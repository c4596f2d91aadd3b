package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.MessageType;

/**
 * A CDI bean implementing this receives every message of one type on one broadcast (fanout), in every
 * instance of the service; found by {@link MessagingProducer}.
 */
public interface BroadcastListener<T> extends MessageHandler<T> {

    String fanout();

    MessageType<T> type();
}
