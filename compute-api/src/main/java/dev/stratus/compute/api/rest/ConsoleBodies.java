package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.List;
import java.util.Set;

/** The console request bodies as Nova's remote_consoles schemas validate them. */
final class ConsoleBodies {

    /** The one console type a {@code os-get*Console} action takes, from its enum. */
    static String actionType(String action, JsonNode args, List<String> types) {
        if (args == null || !args.isObject()) {
            throw Bodies.invalid(action, args, "is not of type 'object'");
        }
        Bodies.onlyKnown(args, Set.of("type"));
        return oneOf(args, "type", types);
    }

    /** {@code remote_console}'s {@code protocol} and {@code type}, with the enums of the microversion. */
    static Request remoteConsole(JsonNode body, List<String> protocols, List<String> types) {
        if (body != null && body.isObject()) {
            Bodies.onlyKnown(body, Set.of("remote_console"));
        }
        JsonNode console = Bodies.root(body, "remote_console");
        Bodies.onlyKnown(console, Set.of("protocol", "type"));
        String protocol = oneOf(console, "protocol", protocols);
        return new Request(protocol, oneOf(console, "type", types));
    }

    record Request(String protocol, String type) {
    }

    private static String oneOf(JsonNode object, String field, List<String> allowed) {
        JsonNode v = object.get(field);
        if (v == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + object
                    + ". '" + field + "' is a required property");
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            throw Bodies.invalid(field, v, "is not one of " + allowed.stream().map(a -> "'" + a + "'").toList());
        }
        return v.asText();
    }

    private ConsoleBodies() {
    }
}
