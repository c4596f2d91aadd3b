package dev.stratus.compute.node.configdrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a server's config drive, as cloud-init's OpenStack data source reads them: OpenStack
 * metadata in {@code openstack/latest/} and {@code openstack/2012-08-10/} (with the personality files in
 * {@code openstack/content/}, which {@code meta_data.json} lists as Nova does), and a minimal EC2 document.
 * Driver-independent; the driver packs the map into an ISO 9660 image labelled {@code config-2}.
 */
public final class ConfigDriveContent {

    public static final String LATEST = "openstack/latest/";
    public static final String FIRST_VERSION = "openstack/2012-08-10/";
    public static final String CONTENT = "openstack/content/";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ConfigDriveContent() {
    }

    /**
     * @param nics the server's NICs in the order of {@code instance.networks()}
     * @throws IllegalArgumentException when the user data are not valid base64
     */
    public static Map<String, byte[]> of(InstanceBuild instance, List<GuestNic> nics) {
        Map<String, byte[]> files = new TreeMap<>();
        byte[] userData = userData(instance);
        byte[] networkData = json(networkData(instance.networks(), nics));
        byte[] vendorData = json(Map.of());

        files.put(LATEST + "meta_data.json", json(metaData(instance, true)));
        files.put(LATEST + "network_data.json", networkData);
        files.put(LATEST + "vendor_data.json", vendorData);
        files.put(LATEST + "vendor_data2.json", vendorData);
        files.put(FIRST_VERSION + "meta_data.json", json(metaData(instance, false)));
        if (userData != null) {
            files.put(LATEST + "user_data", userData);
            files.put(FIRST_VERSION + "user_data", userData);
            files.put("ec2/latest/user-data", userData);
        }
        files.put("ec2/latest/meta-data.json", json(ec2MetaData(instance)));
        for (int i = 0; i < instance.files().size(); i++) {
            files.put(CONTENT + contentKey(i), decode(instance.files().get(i).contents(), "a personality file"));
        }
        return files;
    }

    /** The name of the n-th personality file under {@code openstack/content/}, as Nova numbers them. */
    static String contentKey(int index) {
        return String.format("%04d", index);
    }

    static byte[] userData(InstanceBuild instance) {
        if (instance.userData() == null || instance.userData().isEmpty()) {
            return null;
        }
        return decode(instance.userData(), "the server's user data");
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64", e);
        }
    }

    /** {@code meta_data.json}; the 2012-08-10 version predates {@code project_id} and {@code keys}. */
    static Map<String, Object> metaData(InstanceBuild instance, boolean latest) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uuid", instance.instanceId());
        meta.put("name", instance.name());
        meta.put("hostname", instance.hostname());
        meta.put("availability_zone", instance.availabilityZone());
        meta.put("launch_index", instance.launchIndex());
        if (latest) {
            meta.put("project_id", instance.projectId());
        }
        Map<String, String> publicKeys = new LinkedHashMap<>();
        if (instance.keyName() != null && instance.keyData() != null) {
            publicKeys.put(instance.keyName(), instance.keyData());
        }
        meta.put("public_keys", publicKeys);
        if (latest) {
            List<Map<String, String>> keys = new ArrayList<>();
            publicKeys.forEach((name, data) -> {
                Map<String, String> key = new LinkedHashMap<>();
                key.put("name", name);
                key.put("type", data.startsWith("-----BEGIN CERTIFICATE") ? "x509" : "ssh");
                key.put("data", data);
                keys.add(key);
            });
            meta.put("keys", keys);
        }
        meta.put("meta", new TreeMap<>(instance.metadata()));
        if (!instance.files().isEmpty()) {
            List<Map<String, String>> listed = new ArrayList<>();
            for (int i = 0; i < instance.files().size(); i++) {
                Map<String, String> file = new LinkedHashMap<>();
                file.put("path", instance.files().get(i).path());
                file.put("content_path", "/content/" + contentKey(i));
                listed.add(file);
            }
            meta.put("files", listed);
        }
        return meta;
    }

    /** {@code network_data.json}: one link and one DHCP network per NIC; no services yet. */
    static Map<String, Object> networkData(List<NetworkRequest> networks, List<GuestNic> nics) {
        List<Map<String, Object>> links = new ArrayList<>();
        List<Map<String, Object>> nets = new ArrayList<>();
        for (int i = 0; i < networks.size() && i < nics.size(); i++) {
            NetworkRequest network = networks.get(i);
            GuestNic nic = nics.get(i);
            String linkId = nic.portId() != null ? "tap" + shorten(nic.portId()) : "interface" + i;
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", linkId);
            link.put("vif_id", nic.portId());
            link.put("type", "bridge");
            link.put("mtu", null);
            link.put("ethernet_mac_address", nic.macAddress());
            links.add(link);
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("id", "network" + i);
            net.put("type", "ipv4_dhcp");
            net.put("link", linkId);
            net.put("network_id", network.networkId());
            nets.add(net);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("links", links);
        data.put("networks", nets);
        data.put("services", List.of());
        return data;
    }

    /** A minimal EC2-style document for tools that read only the EC2 data source. */
    static Map<String, Object> ec2MetaData(InstanceBuild instance) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("instance-id", instance.instanceId());
        meta.put("hostname", instance.hostname());
        meta.put("local-hostname", instance.hostname());
        meta.put("ami-launch-index", instance.launchIndex());
        meta.put("reservation-id", instance.reservationId());
        meta.put("instance-type", instance.flavor() == null ? null : instance.flavor().name());
        meta.put("placement", Map.of("availability-zone", String.valueOf(instance.availabilityZone())));
        Map<String, Object> keys = new LinkedHashMap<>();
        if (instance.keyName() != null && instance.keyData() != null) {
            keys.put("0", Map.of("openssh-key", instance.keyData()));
        }
        meta.put("public-keys", keys);
        return meta;
    }

    private static String shorten(String portId) {
        return portId.length() > 11 ? portId.substring(0, 11) : portId;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
