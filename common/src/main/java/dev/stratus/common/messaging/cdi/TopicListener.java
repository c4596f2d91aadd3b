package dev.stratus.common.messaging.cdi;

import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.MessageType;

/**
 * A CDI bean implementing this handles one cast type of one topic; {@link MessagingProducer} finds it
 * and subscribes it before the consumers start.
 *
 * <pre>{@code
 * @ApplicationScoped
 * class BuildInstanceHandler implements TopicListener<BuildRequest> {
 *     public String topic() { return "scheduler"; }
 *     public MessageType<BuildRequest> type() { return BuildRequest.TYPE; }
 *     public CompletionStage<?> handle(BuildRequest request, MessageContext ctx) { ... }
 * }
 * }</pre>
 */
public interface TopicListener<T> extends MessageHandler<T> {

    String topic();

    MessageType<T> type();
}
