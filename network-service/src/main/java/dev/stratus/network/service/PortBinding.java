package dev.stratus.network.service;

/**
 * What a host learns from a port's binding. Neutron's Linux-bridge mechanism binds a {@code normal} port on any
 * host: {@code vif_type} {@code bridge}, the bridge being {@code brq} and the first 11 characters of the network
 * id (the name Nova's VIF driver assumes too). Other vnic types cannot be bound here ({@code binding_failed});
 * without a host the port is {@code unbound}.
 */
public record PortBinding(String vifType, String vifDetails) {

    public static final String UNBOUND = "unbound";
    public static final String BRIDGE = "bridge";
    public static final String FAILED = "binding_failed";

    public static PortBinding of(String host, String vnicType, String networkId) {
        if (host == null || host.isEmpty()) {
            return new PortBinding(UNBOUND, "{}");
        }
        if (!"normal".equals(vnicType)) {
            return new PortBinding(FAILED, "{}");
        }
        return new PortBinding(BRIDGE, "{\"port_filter\": true, \"connectivity\": \"l2\", \"bridge_name\": \""
                + bridgeName(networkId) + "\"}");
    }

    public static String bridgeName(String networkId) {
        return "brq" + networkId.substring(0, Math.min(11, networkId.length()));
    }
}
