package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Converts and validates one attribute's JSON value (Neutron's {@code convert_to} and {@code validate}). A
 * validation failure returns the reason through {@link Invalid}; a conversion failure may throw its own fault.
 */
@FunctionalInterface
public interface ValueReader {

    Object read(JsonNode value) throws Invalid;

    /** A value that fails validation; rendered as "Invalid input for ATTR. Reason: REASON.". */
    final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
