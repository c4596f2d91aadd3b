package dev.stratus.common.messaging;

/**
 * "major.minor" version of a message. A minor bump only adds optional fields, so a consumer accepts any
 * minor of its own major (unknown fields are ignored, missing ones are null); a major bump is a
 * different contract that a consumer must have been written for.
 */
public record MessageVersion(int major, int minor) implements Comparable<MessageVersion> {

    public MessageVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + major + "." + minor);
        }
    }

    /** Parses "1.2"; throws {@link IllegalArgumentException} for anything else. */
    public static MessageVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("message version missing");
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("message version must be 'major.minor': '" + text + "'");
        }
        try {
            return new MessageVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("message version must be 'major.minor': '" + text + "'", e);
        }
    }

    /** Whether a consumer written for this version can read a message of {@code other}. */
    public boolean canRead(MessageVersion other) {
        return other.major == major;
    }

    @Override
    public int compareTo(MessageVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
