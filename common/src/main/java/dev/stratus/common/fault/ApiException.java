package dev.stratus.common.fault;

import java.util.Map;

/**
 * An error a service answers with: HTTP status plus a message a person can act on. Rendered in the
 * service's {@link FaultStyle} by {@link FaultMappers}; never carries a stack trace to the client.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, null, Map.of());
    }

    public ApiException(int status, String message, String type, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    /** HTTP status code. */
    public int status() {
        return status;
    }

    /** Machine-readable error type (Neutron's {@code type}, e.g. {@code NetworkNotFound}); may be null. */
    public String type() {
        return type;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public ApiException withType(String newType) {
        return new ApiException(status, getMessage(), newType, headers);
    }

    public ApiException withHeader(String name, String value) {
        var copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return new ApiException(status, getMessage(), type, copy);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException notImplemented(String message) {
        return new ApiException(501, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    /** 429 with the Retry-After header clients use to back off. */
    public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
        return new ApiException(429, message).withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
