package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;
import java.util.Map;

/**
 * Neutron's generic faults. The {@code type} of a Neutron error is the name of the exception class that raised
 * it; the resource-specific ones live in {@link CoreFaults}, {@link SecurityGroupFaults} and {@link L3Faults}.
 */
public final class Faults {

    private Faults() {
    }

    public static ApiException of(int status, String type, String message) {
        return new ApiException(status, message, type, Map.of());
    }

    /** What webob's HTTPBadRequest carries: request-body and query errors found before the plugin runs. */
    public static ApiException badRequest(String message) {
        return of(400, "HTTPBadRequest", message);
    }

    /** Neutron's {@code BadRequest(resource, msg)}. */
    public static ApiException badRequest(String resource, String message) {
        return of(400, "BadRequest", "Bad " + resource + " request: " + message + ".");
    }

    /** Neutron's {@code InvalidInput(error_message)}. */
    public static ApiException invalidInput(String message) {
        return of(400, "InvalidInput", "Invalid input for operation: " + message + ".");
    }

    /** An InvalidInput subclass whose message replaces the generic one. */
    public static ApiException invalid(String type, String message) {
        return of(400, type, message);
    }

    public static ApiException notFound(String type, String message) {
        return of(404, type, message);
    }

    public static ApiException conflict(String type, String message) {
        return of(409, type, message);
    }

    /** The 404 Neutron answers where a policy forbids a caller to see that a resource exists. */
    public static ApiException hidden() {
        return of(404, "HTTPNotFound", "The resource could not be found.");
    }

    /** Neutron's {@code OverQuota}: {@code Quota exceeded for resources: ['port'].} */
    public static ApiException overQuota(String resource) {
        return of(409, "OverQuota", "Quota exceeded for resources: ['" + resource + "'].");
    }
}
