package dev.stratus.common.web;

import dev.stratus.common.fault.ApiException;

/**
 * Picks the microversion of a request from {@code OpenStack-API-Version: <service> X.Y} or the legacy
 * header, as Nova does: no header means the minimum, {@code latest} the maximum, a malformed value is a
 * 400 and one outside the supported range a 406.
 */
public final class MicroversionNegotiator {

    public static final String HEADER = "OpenStack-API-Version";

    private final String serviceType;
    private final ApiVersion min;
    private final ApiVersion max;

    public MicroversionNegotiator(String serviceType, ApiVersion min, ApiVersion max) {
        this.serviceType = serviceType;
        this.min = min;
        this.max = max;
    }

    public ApiVersion min() {
        return min;
    }

    public ApiVersion max() {
        return max;
    }

    /**
     * @param standardHeader value of {@code OpenStack-API-Version}, possibly naming several services
     * @param legacyHeader value of the service's legacy header, or null
     */
    public ApiVersion negotiate(String standardHeader, String legacyHeader) {
        String requested = fromStandardHeader(standardHeader);
        if (requested == null && legacyHeader != null && !legacyHeader.isBlank()) {
            requested = legacyHeader.trim();
        }
        if (requested == null) {
            return min;
        }
        if ("latest".equalsIgnoreCase(requested)) {
            return max;
        }
        ApiVersion version = ApiVersion.parse(requested);
        if (version.compareTo(min) < 0 || version.compareTo(max) > 0) {
            throw new ApiException(406, "Version " + version + " is not supported by the API. Minimum is "
                    + min + " and maximum is " + max + ".");
        }
        return version;
    }

    private String fromStandardHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 2 && words[0].equalsIgnoreCase(serviceType)) {
                return words[1];
            }
            if (words.length != 2 && words[0].equalsIgnoreCase(serviceType)) {
                throw ApiException.badRequest("API Version String " + part.trim()
                        + " is of invalid format. Must be of format MajorNum.MinorNum.");
            }
        }
        return null;
    }
}
