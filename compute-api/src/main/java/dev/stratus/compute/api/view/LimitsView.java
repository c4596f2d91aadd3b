package dev.stratus.compute.api.view;

import static dev.stratus.compute.api.view.ComputeVersions.LIMITS_IMAGE_META;
import static dev.stratus.compute.api.view.ComputeVersions.LIMITS_NETWORK;
import static dev.stratus.compute.api.view.ComputeVersions.LIMITS_PERSONALITY;

import dev.stratus.common.web.ApiVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /limits} (Nova's views/limits.py): a project's limits under their legacy names and what it
 * uses, in {@code absolute}; {@code rate} is always empty (Nova has no rate limits since Newton).
 */
public final class LimitsView {

    /** The item is the limits per quota resource, the context the usage per resource. */
    private static final VersionedFields<Map<String, Integer>, Map<String, Long>> ABSOLUTE =
            new VersionedFields<Map<String, Integer>, Map<String, Long>>()
                    .always("maxTotalInstances", (l, u) -> l.get("instances"))
                    .always("maxTotalCores", (l, u) -> l.get("cores"))
                    .always("maxTotalRAMSize", (l, u) -> l.get("ram"))
                    .always("maxServerMeta", (l, u) -> l.get("metadata_items"))
                    .in(LIMITS_IMAGE_META, "maxImageMeta", (l, u) -> l.get("metadata_items"))
                    .in(LIMITS_PERSONALITY, "maxPersonality", (l, u) -> l.get("injected_files"))
                    .in(LIMITS_PERSONALITY, "maxPersonalitySize", (l, u) -> l.get("injected_file_content_bytes"))
                    .always("maxTotalKeypairs", (l, u) -> l.get("key_pairs"))
                    .always("maxServerGroups", (l, u) -> l.get("server_groups"))
                    .always("maxServerGroupMembers", (l, u) -> l.get("server_group_members"))
                    .in(LIMITS_NETWORK, "maxTotalFloatingIps", (l, u) -> l.get("floating_ips"))
                    .in(LIMITS_NETWORK, "maxSecurityGroups", (l, u) -> l.get("security_groups"))
                    .in(LIMITS_NETWORK, "maxSecurityGroupRules", (l, u) -> l.get("security_group_rules"))
                    .always("totalInstancesUsed", (l, u) -> u.get("instances"))
                    .always("totalCoresUsed", (l, u) -> u.get("cores"))
                    .always("totalRAMUsed", (l, u) -> u.get("ram"))
                    .always("totalServerGroupsUsed", (l, u) -> u.get("server_groups"))
                    .in(LIMITS_NETWORK, "totalFloatingIpsUsed", (l, u) -> u.get("floating_ips"))
                    .in(LIMITS_NETWORK, "totalSecurityGroupsUsed", (l, u) -> u.get("security_groups"));

    private LimitsView() {
    }

    public static Map<String, Object> render(Map<String, Integer> limits, Map<String, Long> used, ApiVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rate", List.of());
        body.put("absolute", ABSOLUTE.render(limits, used, v));
        return Map.of("limits", body);
    }
}
