package dev.stratus.common.messaging;

/** Base of every failure the messaging layer reports through a future. */
public class MessagingException extends RuntimeException {

    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
