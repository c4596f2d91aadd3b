package dev.stratus.common.web;

import dev.stratus.common.fault.ApiException;

/**
 * {@code limit} and {@code marker} of a list call, validated as Nova validates them and capped at the
 * service's maximum page size.
 */
public record PageRequest(int limit, String marker) {

    public static PageRequest of(String limitParam, String marker, int maxPageSize) {
        int limit = maxPageSize;
        if (limitParam != null && !limitParam.isBlank()) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit param must be an integer");
            }
            if (limit < 0) {
                throw ApiException.badRequest("limit param must be positive");
            }
        }
        return new PageRequest(Math.min(limit, maxPageSize), marker == null || marker.isBlank() ? null : marker);
    }
}
