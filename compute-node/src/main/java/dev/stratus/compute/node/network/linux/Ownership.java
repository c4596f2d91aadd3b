package dev.stratus.compute.node.network.linux;

/**
 * The {@code ifalias} the plumbing writes on the host interfaces it makes, so that it removes only its own:
 * {@code stratus:network:<network id>} on a bridge, {@code stratus:dhcp:<network id>} and
 * {@code stratus:router:<router id>} on the host ends of namespace veths.
 */
public final class Ownership {

    public static final String NETWORK = "network";
    public static final String DHCP = "dhcp";
    public static final String ROUTER = "router";

    private static final String PREFIX = "stratus:";

    private Ownership() {
    }

    public static String mark(String kind, String id) {
        return PREFIX + kind + ":" + id;
    }

    /** The id in a mark of this kind, or null when the alias is not such a mark. */
    public static String owner(String alias, String kind) {
        String prefix = PREFIX + kind + ":";
        return alias != null && alias.startsWith(prefix) ? alias.substring(prefix.length()) : null;
    }
}
