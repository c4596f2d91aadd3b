package dev.stratus.deploy.testing;

import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the STRATUS_TEST_* settings: a system property of that exact name wins over the environment
 * variable, so that a build can set them either way.
 */
final class TestSettings {

    private final Function<String, String> source;

    TestSettings(Function<String, String> source) {
        this.source = source;
    }

    static TestSettings fromSystem() {
        return new TestSettings(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    String get(String name, String fallback) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Like {@link #get}, but an empty value stays empty (an empty password is a real setting). */
    String getAllowEmpty(String name, String fallback) {
        String value = source.apply(name);
        return value == null ? fallback : value;
    }

    int port(String name, int fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a port number: " + value);
        }
    }

    boolean flag(String name) {
        String value = get(name, "false").toLowerCase(Locale.ROOT);
        return value.equals("true") || value.equals("1") || value.equals("yes");
    }
}
