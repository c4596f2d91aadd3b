package dev.stratus.compute.api.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/** Query parameters checked as Nova's query schemas check them, with the same 400 wording. */
final class QueryParams {

    private QueryParams() {
    }

    static boolean has(UriInfo uri, String name) {
        return uri.getQueryParameters().containsKey(name);
    }

    /** The first value, as Nova reads {@code user_id} ({@code req.GET.getall(name)[0]}). */
    static String first(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The last value, as webob's {@code req.GET.get(name)} answers. */
    static String last(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** From 2.75 a parameter outside the schema is a 400; before, it is ignored. */
    static void onlyKnown(UriInfo uri, ApiVersion version, Set<String> allowed) {
        if (!ComputeVersions.STRICT_QUERY.contains(version)) {
            return;
        }
        for (String name : uri.getQueryParameters().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
    }

    /** Nova's non_negative_integer (digits only) for every value given; the last one, or null when absent. */
    static Long nonNegative(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        for (String v : values) {
            if (v.isEmpty()) {
                throw ApiException.badRequest("Invalid input for query parameters " + name + ". Value: . '' is too short");
            }
            if (!v.matches("[0-9]*")) {
                throw ApiException.badRequest("Invalid input for query parameters " + name + ". Value: " + v + ". '" + v
                        + "' does not match '^[0-9]*$'");
            }
        }
        String last = values.get(values.size() - 1);
        return last.length() > 18 ? Long.MAX_VALUE : Long.parseLong(last);
    }
}
