package dev.stratus.network.ipam;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** MAC addresses of ports: generated under the configured base (Neutron's {@code base_mac}), or validated. */
public final class MacAddresses {

    private static final Pattern FORMAT = Pattern.compile(
            "^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int[] base = new int[3];

    /** {@code baseMac} like {@code fa:16:3e:00:00:00}: its first three octets are kept. */
    public MacAddresses(String baseMac) {
        String normal = normalize(baseMac).orElseThrow(
                () -> new IllegalArgumentException("stratus.network.base-mac is not a MAC address: " + baseMac));
        String[] octets = normal.split(":");
        for (int i = 0; i < 3; i++) {
            base[i] = Integer.parseInt(octets[i], 16);
        }
    }

    /** A random address under the base. */
    public String generate() {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", base[0], base[1], base[2], RANDOM.nextInt(256),
                RANDOM.nextInt(256), RANDOM.nextInt(256));
    }

    /** Lower case, colon separated; empty for anything that is not a unicast-usable MAC address. */
    public static Optional<String> normalize(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        String normal = text.replace('-', ':').toLowerCase(Locale.ROOT);
        if ("00:00:00:00:00:00".equals(normal)) {
            return Optional.empty();
        }
        return Optional.of(normal);
    }
}
