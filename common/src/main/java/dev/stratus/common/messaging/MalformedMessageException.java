package dev.stratus.common.messaging;

/** A message that cannot be read at all: not an envelope, or a payload that does not fit its record. */
public class MalformedMessageException extends MessagingException {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
