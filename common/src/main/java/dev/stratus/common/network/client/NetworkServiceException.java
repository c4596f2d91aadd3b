package dev.stratus.common.network.client;

/**
 * network-service answered with an error ({@code status} and Neutron's error {@code type} and message), or
 * could not be reached ({@code status} 0).
 */
public class NetworkServiceException extends RuntimeException {

    private final int status;
    private final String type;

    public NetworkServiceException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public NetworkServiceException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.type = null;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Neutron's error type (e.g. {@code IpAddressGenerationFailure}); null when unknown. */
    public String type() {
        return type;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isUnreachable() {
        return status == 0 || status >= 500;
    }
}
