package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.RpcHandler;

/** A CDI bean implementing this answers one call type of one topic; found by {@link MessagingProducer}. */
public interface RpcEndpoint<Q, R> extends RpcHandler<Q, R> {

    String topic();

    MessageType<Q> requestType();

    MessageType<R> replyType();
}
