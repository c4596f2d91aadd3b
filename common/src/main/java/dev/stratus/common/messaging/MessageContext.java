package dev.stratus.common.messaging;

/**
 * What a handler may want besides the payload.
 *
 * @param destination the topic or broadcast the message came from
 * @param redelivered the broker delivered this message before (to this or another consumer); a handler
 *                    that failed on a redelivered message sends it to the dead-letter queue
 */
public record MessageContext(String destination, Envelope envelope, boolean redelivered) {

    public String requestId() {
        return envelope.requestId();
    }

    public String messageId() {
        return envelope.messageId();
    }

    public MessageVersion version() {
        return envelope.parsedVersion();
    }
}
