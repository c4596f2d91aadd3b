package dev.stratus.common.fault;

import jakarta.ws.rs.core.Response;
import dev.stratus.common.web.RequestIdFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON body of a fault in each OpenStack dialect. Pure functions, no state. */
public final class FaultBodies {

    private FaultBodies() {
    }

    public static Map<String, Object> body(FaultStyle style, int status, String message, String type) {
        return switch (style) {
            case NOVA -> nova(status, message);
            case KEYSTONE -> keystone(status, message);
            case NEUTRON -> neutron(status, message, type);
            case PLACEMENT -> placement(status, message, type);
        };
    }

    static Map<String, Object> nova(int status, String message) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("code", status);
        fault.put("message", message);
        return Map.of(novaName(status), fault);
    }

    static Map<String, Object> keystone(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("title", reasonPhrase(status));
        error.put("message", message);
        return Map.of("error", error);
    }

    static Map<String, Object> neutron(int status, String message, String type) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type != null ? type : neutronType(status));
        error.put("message", message);
        error.put("detail", "");
        return Map.of("NeutronError", error);
    }

    static Map<String, Object> placement(int status, String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("title", reasonPhrase(status));
        error.put("detail", message);
        error.put("code", code != null ? code : "placement.undefined_code");
        error.put("request_id", RequestIdFilter.current());
        return Map.of("errors", List.of(error));
    }

    /** The fault key Nova's WSGI layer uses for a status (nova/api/openstack/wsgi.py). */
    public static String novaName(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "itemNotFound";
            case 405 -> "badMethod";
            case 406 -> "notAcceptable";
            case 409 -> "conflictingRequest";
            case 413, 429 -> "overLimit";
            case 415 -> "badMediaType";
            case 501 -> "notImplemented";
            case 503 -> "serviceUnavailable";
            default -> "computeFault";
        };
    }

    static String neutronType(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "NotAuthorized";
            case 403 -> "PolicyNotAuthorized";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 413, 429 -> "OverQuota";
            case 503 -> "ServiceUnavailable";
            default -> "InternalServerError";
        };
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 429 ? "Too Many Requests" : "Error";
    }
}
