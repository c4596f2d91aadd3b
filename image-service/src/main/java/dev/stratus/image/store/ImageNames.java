package dev.stratus.image.store;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * File names in the store. Image ids come from the API (Glance lets clients choose them), so they are checked
 * before becoming file names: no separators, no "..", nothing starting with a dot (our temp files do), and at
 * most 200 characters so that the temp file name (id + 46 characters) stays within the usual 255-byte limit.
 */
final class ImageNames {

    /** Directory of staged data under the store root; not a valid image id, so the names never collide. */
    static final String STAGING = "staging";

    static final String TEMP_SUFFIX = ".partial";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private ImageNames() {
    }

    static boolean isSafe(String imageId) {
        return imageId != null && SAFE.matcher(imageId).matches() && !imageId.equals(STAGING);
    }

    static String requireSafe(String imageId) {
        if (!isSafe(imageId)) {
            throw new IllegalArgumentException("not a valid image id for the store: " + quote(imageId));
        }
        return imageId;
    }

    /** {@code .<id>.<random>.partial}: hidden, unique per attempt, and recognisable by cleanStaleTempFiles. */
    static String tempName(String imageId) {
        return "." + imageId + "." + UUID.randomUUID() + TEMP_SUFFIX;
    }

    static boolean isTemp(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
