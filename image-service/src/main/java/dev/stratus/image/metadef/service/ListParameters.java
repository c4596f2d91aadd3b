package dev.stratus.image.metadef.service;

import dev.stratus.common.fault.ApiException;
import java.util.Set;

/** The paging and sorting parameters of the catalog's lists, refused in Glance's words. */
public final class ListParameters {

    /** Glance's {@code limit_param_default} and {@code api_limit_max}. */
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1000;

    private ListParameters() {
    }

    /** True for {@code asc}, false for {@code desc} (the default). */
    public static boolean ascending(String sortDir) {
        if (sortDir == null || sortDir.equals("desc")) {
            return false;
        }
        if (sortDir.equals("asc")) {
            return true;
        }
        throw ApiException.badRequest("Invalid sort direction: " + sortDir);
    }

    public static int integer(String limit) {
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
    }

    /** A limit that may not be negative (namespaces, tags); objects refuse 0 as well. */
    public static int positive(int limit, boolean zeroAllowed) {
        if (limit < 0 || (limit == 0 && !zeroAllowed)) {
            throw ApiException.badRequest("limit param must be positive");
        }
        return limit;
    }

    public static void visibility(String visibility, Set<String> allowed) {
        if (visibility != null && !visibility.isEmpty() && !allowed.contains(visibility)) {
            throw ApiException.badRequest("Invalid visibility value: " + visibility);
        }
    }

    /** Glance lets the database refuse an unknown sort key (a 500 there); here it is a 400. */
    public static String sortKey(String sortKey, Set<String> allowed) {
        String key = sortKey == null ? "created_at" : sortKey;
        if (!allowed.contains(key)) {
            throw ApiException.badRequest("Invalid sort key: " + key);
        }
        return key;
    }
}
