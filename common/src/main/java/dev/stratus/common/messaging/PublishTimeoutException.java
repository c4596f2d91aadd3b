package dev.stratus.common.messaging;

/**
 * A publish was not confirmed by the broker in time. If it had been sent, the broker may still have it:
 * the outcome is unknown, which is why consumers must be idempotent.
 */
public class PublishTimeoutException extends MessagingException {

    public PublishTimeoutException(String message) {
        super(message);
    }
}
