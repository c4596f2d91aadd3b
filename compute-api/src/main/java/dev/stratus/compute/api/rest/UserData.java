package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/** Nova's {@code user_data} schema (create, and rebuild from 2.57): base64 text of at most 65,535 characters. */
final class UserData {

    private UserData() {
    }

    /** The text as sent, or null when absent or null; a 400 when it is not base64 or too long. */
    static String check(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Bodies.invalid("user_data", v, "is not of type 'string'");
        }
        String text = v.asText();
        if (text.length() > 65535) {
            throw Bodies.invalid("user_data", v, "is too long");
        }
        try {
            Base64.getMimeDecoder().decode(text);
            Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw Bodies.invalid("user_data", v, "is not a 'base64'");
        }
        return text;
    }
}
