package dev.stratus.common.messaging;

/**
 * The server of a call answered with an error: its handler failed, or it could not accept the request
 * (unknown message name, unsupported major version).
 */
public class RemoteCallException extends MessagingException {

    private final String errorType;

    public RemoteCallException(String errorType, String message) {
        super(errorType + ": " + message);
        this.errorType = errorType;
    }

    /** The failure's class name on the server side, or a reason code such as {@code unsupported_version}. */
    public String errorType() {
        return errorType;
    }
}
