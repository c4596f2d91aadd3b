package dev.stratus.compute.node.build;

import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The virtio NICs of a server, one per requested network in order: a port's NIC on its network's bridge,
 * a NIC without a port on the host bridge. A NIC without a MAC from its port gets one in Nova's
 * {@code fa:16:3e} range derived from the instance and the NIC's position, so a redelivered build plans
 * the same MACs.
 */
public final class GuestNics {

    private GuestNics() {
    }

    /** The ports of the server's NICs, in order (NICs without one left out). */
    public static List<String> portIds(InstanceBuild instance) {
        return instance.networks().stream().map(NetworkRequest::portId).filter(p -> p != null && !p.isBlank())
                .toList();
    }

    /** @param portBridges the bridge of each port's network; NICs of other ports or none use {@code bridge} */
    public static List<GuestNic> plan(InstanceBuild instance, Map<String, String> portBridges, String bridge) {
        List<GuestNic> nics = new ArrayList<>();
        List<NetworkRequest> networks = instance.networks();
        for (int i = 0; i < networks.size(); i++) {
            nics.add(nic(instance.instanceId(), networks.get(i), i, portBridges, bridge));
        }
        return nics;
    }

    /** The NIC of the server's {@code index}th network (an attached one comes after the others). */
    public static GuestNic nic(String instanceId, NetworkRequest network, int index, Map<String, String> portBridges,
            String bridge) {
        String mac = network.macAddress() != null && !network.macAddress().isBlank()
                ? network.macAddress().toLowerCase()
                : derivedMac(instanceId, index);
        String portId = network.portId() == null || network.portId().isBlank() ? null : network.portId();
        return new GuestNic(mac, portId == null ? bridge : portBridges.getOrDefault(portId, bridge), portId);
    }

    static String derivedMac(String instanceId, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((instanceId + "/" + index).getBytes(StandardCharsets.UTF_8));
            HexFormat hex = HexFormat.ofDelimiter(":");
            return "fa:16:3e:" + hex.formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
