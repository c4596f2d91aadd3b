package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.Set;

/**
 * The bodies of the floating-IP proxy as Nova's schemas (schemas/floating_ips.py) take them: the create body
 * (none, or an object with an optional {@code pool}), and the {@code addFloatingIp} and {@code removeFloatingIp}
 * actions, whose addresses are IPv4 or IPv6 literals.
 */
final class FloatingIpBodies {

    /** What {@code addFloatingIp} asks: the floating IP, and the server's fixed IP to bind it to (null: any). */
    record Add(String address, String fixedAddress) {
    }

    private FloatingIpBodies() {
    }

    /** The pool a create names: null when there is no body, no {@code pool}, or a null one. */
    static String pool(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest((body.isTextual() ? "'" + body.asText() + "'" : body.toString())
                    + " is not of type 'object', 'null'");
        }
        JsonNode pool = body.get("pool");
        if (pool == null || pool.isNull()) {
            return null;
        }
        if (!pool.isTextual()) {
            throw Bodies.invalid("pool", pool, "is not of type 'string', 'null'");
        }
        return pool.asText();
    }

    static Add add(JsonNode args) {
        object("addFloatingIp", args, Set.of("address", "fixed_address"));
        String fixed = args.has("fixed_address") ? address(args.get("fixed_address"), "fixed_address") : null;
        return new Add(address(required("addFloatingIp", args, "address"), "address"), fixed);
    }

    static String remove(JsonNode args) {
        object("removeFloatingIp", args, Set.of("address"));
        return address(required("removeFloatingIp", args, "address"), "address");
    }

    private static void object(String action, JsonNode args, Set<String> fields) {
        if (args == null || !args.isObject()) {
            throw Bodies.invalid(action, args, "is not of type 'object'");
        }
        Bodies.onlyKnown(args, fields);
    }

    private static JsonNode required(String action, JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + action + ". Value: " + args + ". '"
                    + field + "' is a required property");
        }
        return value;
    }

    /** Nova's {@code ip_address}: a string that is an IPv4 or an IPv6 address. */
    private static String address(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw Bodies.invalid(field, value, "is not of type 'string'");
        }
        String text = value.asText();
        if (!AccessAddresses.isIpv4(text) && !AccessAddresses.isIpv6(text)) {
            throw Bodies.invalid(field, value, "is not valid under any of the given schemas");
        }
        return text;
    }
}
