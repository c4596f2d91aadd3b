package dev.stratus.common.web;

import dev.stratus.common.fault.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A microversion such as {@code 2.47}: a major and a minor number, ordered numerically. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    /** Parses {@code MAJOR.MINOR}; anything else is a 400, as Nova answers. */
    public static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw ApiException.badRequest("API Version String " + text.trim()
                    + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        try {
            return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException tooLarge) {
            throw ApiException.badRequest("API Version String " + text.trim() + " is out of range.");
        }
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(String other) {
        return atLeast(parse(other));
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
