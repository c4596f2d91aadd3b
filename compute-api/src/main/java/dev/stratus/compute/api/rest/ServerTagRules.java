package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;

/** Nova's tag schema: 1..60 characters, no comma or slash. */
final class ServerTagRules {

    static final int MAX_TAGS = 50;

    private ServerTagRules() {
    }

    static String check(JsonNode t) {
        if (t == null || !t.isTextual()) {
            throw Bodies.invalid("tags", t, "is not of type 'string'");
        }
        return check(t.asText());
    }

    static String check(String tag) {
        if (tag.isEmpty() || tag.length() > 60) {
            throw ApiException.badRequest("Invalid input for field/attribute tags. Value: " + tag
                    + ". Tags must be 1 to 60 characters long.");
        }
        if (tag.contains(",") || tag.contains("/")) {
            throw ApiException.badRequest("Invalid input for field/attribute tags. Value: " + tag
                    + ". Tags cannot contain ',' or '/'.");
        }
        return tag;
    }
}
