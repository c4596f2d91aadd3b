package dev.stratus.compute.node.network.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks on what a plan may carry. Every value ends up in interface names, nft scripts, dnsmasq files or
 * paths, so only the shapes Neutron produces are let through.
 */
final class PlanChecks {

    // Neutron ids are UUIDs; shorter ids of the same characters are accepted for tests.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_-]{1,15}");

    private PlanChecks() {
    }

    static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + " id: " + value);
        }
        return value;
    }

    /** A unicast MAC in lower case. */
    static String mac(String value, String what) {
        String mac = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("not a valid MAC address for " + what + ": " + value);
        }
        if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException("a multicast MAC address cannot be " + what + "'s: " + value);
        }
        return mac;
    }

    static String interfaceName(String value, String what) {
        if (value == null || !INTERFACE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid Linux interface name for " + what + ": " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
