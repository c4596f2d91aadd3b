package dev.stratus.identity.rest;

import dev.stratus.common.fault.PythonRepr;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.service.EndpointFilters;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code endpoint_group} of a create or update request, checked as Keystone checks it: its JSON schema first
 * (with jsonschema's messages), then that the filters name only interface, service_id and region_id.
 *
 * @param name        null when not given (update)
 * @param description meaningful only when {@code hasDescription}
 * @param filters     null when not given (update)
 */
record EndpointGroupBody(String name, boolean hasDescription, String description, EndpointFilters filters) {

    private static final String MEMBER = "endpoint_group";
    private static final Set<String> PROPERTIES = Set.of("name", "description", "filters");
    private static final List<String> INTERFACES = List.of("admin", "internal", "public");

    static EndpointGroupBody forCreate(JsonNode body) {
        JsonNode group = member(body);
        for (String required : List.of("name", "filters")) {
            if (!group.has(required)) {
                throw schema(MEMBER, "'" + required + "' is a required property");
            }
        }
        EndpointGroupBody parsed = parse(group);
        if (parsed.filters().values().isEmpty()) {
            throw ApiException.badRequest("filters field is required and cannot be empty");
        }
        return parsed;
    }

    static EndpointGroupBody forUpdate(JsonNode body) {
        JsonNode group = member(body);
        if (group.isEmpty()) {
            throw schema(MEMBER, "{} does not have enough properties");
        }
        return parse(group);
    }

    private static JsonNode member(JsonNode body) {
        if (body != null && body.isObject()) {
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!MEMBER.equals(field)) {
                    throw ApiException.badRequest("Additional properties are not allowed ('" + field
                            + "' was unexpected)");
                }
            }
        }
        JsonNode group = Bodies.member(body, MEMBER);
        for (Iterator<String> it = group.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!PROPERTIES.contains(field)) {
                throw schema(MEMBER, "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        }
        return group;
    }

    private static EndpointGroupBody parse(JsonNode group) {
        String name = null;
        if (group.has("name")) {
            JsonNode node = group.get("name");
            if (!node.isTextual()) {
                throw schema(MEMBER + "/name", repr(node) + " is not of type 'string'");
            }
            name = node.asText();
            if (name.isEmpty()) {
                throw schema(MEMBER + "/name", "'' is too short");
            }
            if (name.length() > 255) {
                throw schema(MEMBER + "/name", repr(node) + " is too long");
            }
            if (name.isBlank()) {
                throw schema(MEMBER + "/name", repr(node) + " does not match '[\\\\S]+'");
            }
        }
        String description = null;
        if (group.has("description")) {
            JsonNode node = group.get("description");
            if (!node.isNull() && !node.isTextual()) {
                throw schema(MEMBER + "/description", repr(node) + " is not of type 'string', 'null'");
            }
            description = node.isNull() ? null : node.asText();
        }
        EndpointFilters filters = group.has("filters") ? filters(group.get("filters")) : null;
        return new EndpointGroupBody(name, group.has("description"), description, filters);
    }

    private static EndpointFilters filters(JsonNode node) {
        String path = MEMBER + "/filters";
        if (!node.isObject()) {
            throw schema(path, repr(node) + " is not of type 'object'");
        }
        JsonNode iface = node.get("interface");
        if (iface != null && !(iface.isTextual() && INTERFACES.contains(iface.asText()))) {
            throw schema(path + "/interface", iface.isTextual()
                    ? repr(iface) + " is not one of ['admin', 'internal', 'public']"
                    : repr(iface) + " is not of type 'string'");
        }
        JsonNode service = node.get("service_id");
        if (service != null && !service.isTextual()) {
            throw schema(path + "/service_id", repr(service) + " is not of type 'string'");
        }
        JsonNode region = node.get("region_id");
        if (region != null && !region.isTextual() && !region.isNull()) {
            throw schema(path + "/region_id", repr(region) + " is not of type 'string', 'null'");
        }
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw schema(path + "/enabled", repr(enabled) + " is not of type 'boolean'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> filter = it.next();
            if (!EndpointFilters.KEYS.contains(filter.getKey())) {
                throw ApiException.badRequest("Expecting to find " + String.join(" or ", EndpointFilters.KEYS)
                        + " in endpoint_group. The server could not comply with the request since it is either"
                        + " malformed or otherwise incorrect. The client is assumed to be in error.");
            }
            values.put(filter.getKey(), filter.getValue().isNull() ? null : filter.getValue().asText());
        }
        return new EndpointFilters(values);
    }

    private static ApiException schema(String path, String message) {
        return ApiException.badRequest("Invalid input for field '" + path + "': " + message);
    }

    private static String repr(JsonNode node) {
        return PythonRepr.of(node);
    }
}
