package dev.stratus.common.auth;

import java.util.Map;

/**
 * One access rule of an application credential (Keystone's {@code access_rules}): the token may call
 * {@code method} on {@code path} of the service of type {@code service}, and nothing else. In a path, {@code *}
 * stands for exactly one segment and a final {@code **} for any number of them (none included), as
 * keystonemiddleware matches them.
 */
public record AccessRule(String service, String path, String method) {

    /** Whether a request of {@code method} on {@code requestPath} to a service of type {@code serviceType} passes. */
    public boolean allows(String serviceType, String method, String requestPath) {
        return service.equals(serviceType) && this.method.equalsIgnoreCase(method) && pathMatches(requestPath);
    }

    boolean pathMatches(String requestPath) {
        String[] pattern = segments(path);
        String[] actual = segments(requestPath);
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("**") && i == pattern.length - 1) {
                return true;
            }
            if (i >= actual.length || !(pattern[i].equals("*") || pattern[i].equals(actual[i]))) {
                return false;
            }
        }
        return pattern.length == actual.length;
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    /** The claim's form: {@code {"service", "path", "method"}}. */
    public Map<String, String> toClaim() {
        return Map.of("service", service, "path", path, "method", method);
    }
}
