package dev.stratus.compute.node.network;

/**
 * Names of what the host plumbing makes, as Neutron's Linux bridge agent names them: a Linux interface name
 * has at most 15 bytes, so interfaces carry a prefix and the first 11 characters of the id. Namespaces have no
 * such limit and carry the whole id.
 */
public final class PlumbingNames {

    /** Bridges of tenant networks. */
    public static final String BRIDGE_PREFIX = "brq";
    /** The host end of a port: a guest's tap (made by libvirt) or a namespace's veth (made by us). */
    public static final String TAP_PREFIX = "tap";
    /** The DHCP server's end of its veth, inside the DHCP namespace. */
    public static final String DHCP_INTERFACE_PREFIX = "ns-";
    /** A router's end of its veth on a tenant subnet, inside the router namespace. */
    public static final String ROUTER_INTERFACE_PREFIX = "qr-";
    /** A router's end of its veth on the external network, inside the router namespace. */
    public static final String GATEWAY_INTERFACE_PREFIX = "qg-";
    /** DHCP namespaces: {@code sdhcp-<network id>}. */
    public static final String DHCP_NAMESPACE_PREFIX = "sdhcp-";
    /** Router namespaces: {@code srouter-<router id>}. */
    public static final String ROUTER_NAMESPACE_PREFIX = "srouter-";

    private static final int ID_CHARACTERS = 11;

    private PlumbingNames() {
    }

    /** The bridge of a tenant network: {@code brq} and the network id's first 11 characters. */
    public static String bridgeName(String networkId) {
        return BRIDGE_PREFIX + shortId(networkId);
    }

    /** The host interface of a port (a guest's tap): {@code tap} and the port id's first 11 characters. */
    public static String tapName(String portId) {
        return TAP_PREFIX + shortId(portId);
    }

    public static String dhcpInterfaceName(String portId) {
        return DHCP_INTERFACE_PREFIX + shortId(portId);
    }

    public static String routerInterfaceName(String portId) {
        return ROUTER_INTERFACE_PREFIX + shortId(portId);
    }

    public static String gatewayInterfaceName(String portId) {
        return GATEWAY_INTERFACE_PREFIX + shortId(portId);
    }

    static String shortId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id is required to name an interface");
        }
        String compact = id.strip();
        return compact.substring(0, Math.min(ID_CHARACTERS, compact.length()));
    }
}
