package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Faults;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.NetworkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A network's segment (Neutron's provider attributes), checked the way ML2's type drivers check them, with a
 * free VLAN or VXLAN id chosen when none is given, and the MTU that type allows. The segment is stored data: the
 * hosts decide how to plumb it.
 */
@ApplicationScoped
public class ProviderSegments {

    public static final List<String> TYPES = List.of("local", "flat", "vlan", "vxlan");
    private static final int MAX_VLAN = 4094;
    private static final int MAX_VNI = (1 << 24) - 1;

    public record Segment(String type, String physicalNetwork, Integer segmentationId) {
    }

    private final NetworkSettings settings;
    private final NetworkRepository networks;
    private final Db db;

    public ProviderSegments(NetworkSettings settings, NetworkRepository networks, Db db) {
        this.settings = settings;
        this.networks = networks;
        this.db = db;
    }

    /** The segment asked for (or the tenant default type's), checked and with its id chosen. */
    public Segment choose(String type, String physicalNetwork, Integer segmentationId) {
        String t = type == null ? settings.tenantNetworkType() : type;
        if (!TYPES.contains(t)) {
            throw Faults.invalidInput("network_type value '" + t + "' not supported");
        }
        db.lock("segments", t);
        return switch (t) {
            case "local" -> local(physicalNetwork, segmentationId);
            case "flat" -> flat(physicalNetwork, segmentationId);
            case "vlan" -> vlan(physicalNetwork, segmentationId);
            default -> vxlan(physicalNetwork, segmentationId);
        };
    }

    /** The largest MTU a network of the type may have: the physical MTU, less the VXLAN encapsulation. */
    public int maxMtu(String type) {
        return "vxlan".equals(type) ? settings.defaultMtu() - settings.vxlanOverhead() : settings.defaultMtu();
    }

    private Segment local(String physicalNetwork, Integer segmentationId) {
        if (physicalNetwork != null) {
            throw Faults.invalidInput("physical_network prohibited for local provider network");
        }
        if (segmentationId != null) {
            throw Faults.invalidInput("segmentation_id prohibited for local provider network");
        }
        return new Segment("local", null, null);
    }

    private Segment flat(String physicalNetwork, Integer segmentationId) {
        if (physicalNetwork == null) {
            throw Faults.invalidInput("physical_network required for flat provider network");
        }
        if (segmentationId != null) {
            throw Faults.invalidInput("segmentation_id prohibited for flat provider network");
        }
        if (networks.segmentTaken("flat", physicalNetwork, null)) {
            throw Faults.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network "
                    + physicalNetwork + " is in use.");
        }
        return new Segment("flat", physicalNetwork, null);
    }

    private Segment vlan(String physicalNetwork, Integer segmentationId) {
        if (physicalNetwork == null) {
            throw Faults.invalidInput(segmentationId != null
                    ? "segmentation_id requires physical_network for VLAN provider network"
                    : "physical_network required for VLAN provider network");
        }
        if (segmentationId == null) {
            int free = networks.freeSegment("vlan", 1, MAX_VLAN).orElseThrow(() -> Faults.of(503,
                    "NoNetworkAvailable", "Unable to create the network. No tenant network is available for "
                            + "allocation."));
            return new Segment("vlan", physicalNetwork, free);
        }
        if (segmentationId < 1 || segmentationId > MAX_VLAN) {
            throw Faults.invalidInput("segmentation_id out of range (1 through " + MAX_VLAN + ")");
        }
        if (networks.segmentTaken("vlan", physicalNetwork, segmentationId)) {
            throw Faults.conflict("VlanIdInUse", "Unable to create the network. The VLAN " + segmentationId
                    + " on physical network " + physicalNetwork + " is in use.");
        }
        return new Segment("vlan", physicalNetwork, segmentationId);
    }

    private Segment vxlan(String physicalNetwork, Integer segmentationId) {
        if (physicalNetwork != null) {
            throw Faults.invalidInput("provider:physical_network specified for vxlan network");
        }
        if (segmentationId == null) {
            int free = networks.freeSegment("vxlan", 1, MAX_VNI).orElseThrow(() -> Faults.of(503,
                    "NoNetworkAvailable", "Unable to create the network. No tenant network is available for "
                            + "allocation."));
            return new Segment("vxlan", null, free);
        }
        if (segmentationId < 1 || segmentationId > MAX_VNI) {
            throw Faults.invalidInput("segmentation_id out of range (1 through " + MAX_VNI + ")");
        }
        if (networks.segmentTaken("vxlan", null, segmentationId)) {
            throw Faults.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID " + segmentationId
                    + " is in use.");
        }
        return new Segment("vxlan", null, segmentationId);
    }
}
