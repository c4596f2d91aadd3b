package dev.stratus.compute.api.service;

import dev.stratus.common.compute.InjectedFile;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /servers} body.
 *
 * @param networksMode {@code "auto"}, {@code "none"}, or null when {@code networks} lists NICs
 * @param bootImage the image to boot from: imageRef, or the image of a block_device_mapping_v2 boot entry
 * @param requestedHost the host an admin asked for (2.74 {@code host}); the filters still apply
 * @param requestedNode the hypervisor an admin asked for (2.74 {@code hypervisor_hostname})
 */
public record ServerCreateRequest(String name, String bootImage, String flavorRef, String networksMode,
        List<NetworkCatalog.Requested> networks, String keyName, List<String> securityGroups,
        Map<String, String> metadata, String userData, String availabilityZone, int minCount, int maxCount,
        boolean returnReservationId, boolean configDrive, String description, List<String> tags, String hostname,
        String accessIpV4, String accessIpV6, String diskConfig, String adminPass, String group,
        List<String> sameHost, List<String> differentHost, String requestedHost, String requestedNode,
        List<InjectedFile> files) {

    /** The same request with its security groups as network-service resolved them. */
    public ServerCreateRequest withSecurityGroups(List<String> groups) {
        return new ServerCreateRequest(name, bootImage, flavorRef, networksMode, networks, keyName, groups, metadata,
                userData, availabilityZone, minCount, maxCount, returnReservationId, configDrive, description, tags,
                hostname, accessIpV4, accessIpV6, diskConfig, adminPass, group, sameHost, differentHost, requestedHost,
                requestedNode, files);
    }
}
