package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.common.web.VersionRange;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Query parameters of the operator API, checked as Nova's query schemas check them. */
final class QueryParameters {

    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");

    private QueryParameters() {
    }

    static String first(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** From the microversions whose schema forbids additional properties: unknown parameters are a 400. */
    static void onlyKnown(UriInfo uri, Set<String> allowed) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
    }

    /** {@link #onlyKnown} in the microversions of {@code strict}; before them unknown parameters are ignored. */
    static void onlyKnownFrom(UriInfo uri, RequestedMicroversion version, VersionRange strict, Set<String> allowed) {
        if (strict.contains(version.get())) {
            onlyKnown(uri, allowed);
        }
    }

    static boolean parseBoolean(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw ApiException.badRequest("Invalid input for query parameters " + name + ". Value: " + value
                + ". '" + value + "' is not a valid boolean value");
    }

    /** An ISO 8601 time; one without a zone is UTC, as Nova reads it. */
    static Instant dateTime(String name, String value) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("Invalid input for query parameters " + name + ". Value: " + value
                        + ". '" + value + "' is not a 'date-time'");
            }
        }
    }
}
