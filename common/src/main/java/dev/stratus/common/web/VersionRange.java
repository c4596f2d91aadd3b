package dev.stratus.common.web;

/**
 * An inclusive range of microversions a request schema or a view applies to; {@code max} null means
 * "up to the latest". Lets code declare "since 2.47" instead of branching on numbers.
 */
public record VersionRange(ApiVersion min, ApiVersion max) {

    public static VersionRange since(String min) {
        return new VersionRange(ApiVersion.parse(min), null);
    }

    public static VersionRange between(String min, String max) {
        return new VersionRange(ApiVersion.parse(min), ApiVersion.parse(max));
    }

    public boolean contains(ApiVersion v) {
        return v.atLeast(min) && (max == null || max.atLeast(v));
    }
}
