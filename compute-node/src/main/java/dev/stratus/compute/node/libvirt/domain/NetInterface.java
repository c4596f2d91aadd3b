package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <interface>}: a NIC either on a host bridge ({@code type='bridge'}; libvirt creates the tap and
 * enslaves it) or on a tap the host plumbing created beforehand ({@code type='ethernet'} with
 * {@code managed='no'}).
 *
 * @param bridge the host bridge for {@code bridge}, null for {@code ethernet}
 * @param targetDev the tap's name: required for {@code ethernet}, optional for {@code bridge}
 * @param model the emulated NIC: {@code virtio}
 */
public record NetInterface(String type, String mac, String bridge, String targetDev, String model) {

    public static final String BRIDGE = "bridge";

    public static final String ETHERNET = "ethernet";

    public NetInterface {
        DomainDefinition.require(type, "interface type");
        DomainDefinition.require(model, "interface model");
        if (BRIDGE.equals(type)) {
            DomainDefinition.require(bridge, "interface bridge");
        } else if (ETHERNET.equals(type)) {
            DomainDefinition.require(targetDev, "interface tap device");
        } else {
            throw new IllegalArgumentException("unsupported interface type " + type);
        }
    }

    public static NetInterface onBridge(String mac, String bridge, String tap, String model) {
        return new NetInterface(BRIDGE, mac, bridge, tap, model);
    }

    public static NetInterface onTap(String mac, String tap, String model) {
        return new NetInterface(ETHERNET, mac, null, tap, model);
    }
}
