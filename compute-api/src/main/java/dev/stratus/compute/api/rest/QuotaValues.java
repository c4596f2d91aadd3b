package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Limits in a quota update body: integers or numeric strings from -1 (unlimited) to 2^31-1. */
final class QuotaValues {

    private static final long MAX = 0x7FFFFFFFL;

    private QuotaValues() {
    }

    /** Every property of {@code set} but {@code skip}, as a limit. */
    static Map<String, Integer> read(JsonNode set, Set<String> skip) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!skip.contains(e.getKey())) {
                out.put(e.getKey(), limit(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    static int limit(String field, JsonNode v) {
        long n;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw Bodies.invalid(field, v, "is greater than the maximum of " + MAX);
            }
            n = v.asLong();
        } else if (v.isTextual()) {
            String s = v.asText();
            if (!s.matches("-?[0-9]+")) {
                throw Bodies.invalid(field, v, "does not match '^-?[0-9]+$'");
            }
            n = s.replaceFirst("^-?0*", "").length() > 12 ? (s.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE)
                    : Long.parseLong(s);
        } else {
            throw Bodies.invalid(field, v, "is not of type 'integer', 'string'");
        }
        if (n < -1) {
            throw Bodies.invalid(field, v, "is less than the minimum of -1");
        }
        if (n > MAX) {
            throw Bodies.invalid(field, v, "is greater than the maximum of " + MAX);
        }
        return (int) n;
    }
}
