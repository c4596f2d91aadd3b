package dev.stratus.compute.api.service;

import java.util.Locale;

/** Nova's sanitize_hostname: a DNS label from a display name. */
public final class Hostnames {

    private Hostnames() {
    }

    public static String sanitize(String name, String uuid) {
        String h = name.toLowerCase(Locale.ROOT).replaceAll("[ _]", "-").replaceAll("[^a-z0-9.-]", "");
        h = h.replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("[.-]+$", "");
        }
        return h.isEmpty() ? "server-" + uuid : h;
    }

    /** A hostname as the 2.90 {@code hostname} field accepts it (an RFC 1123 label). */
    public static boolean valid(String hostname) {
        return hostname.matches("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
    }
}
