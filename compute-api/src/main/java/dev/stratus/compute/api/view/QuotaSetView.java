package dev.stratus.compute.api.view;

import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_CLASS_NETWORK;
import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_CLASS_SERVER_GROUPS;
import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_INJECTED_FILES;
import static dev.stratus.compute.api.view.ComputeVersions.QUOTA_NETWORK;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import java.util.Map;

/**
 * {@code quota_set} and {@code quota_class_set} bodies: the resources each microversion shows (network
 * quotas up to 2.35, or 2.49 for classes; injected files up to 2.56; server groups in class sets from
 * 2.50), with the project or class as {@code id} except in update answers. A value is a limit, or for the
 * detail view an {@code {in_use, limit, reserved}} object.
 */
public final class QuotaSetView {

    private static final VersionRange ALL = VersionRange.since("2.1");

    private static final VersionedFields<Map<String, ?>, String> QUOTA_SET = fields(QUOTA_NETWORK, ALL);
    private static final VersionedFields<Map<String, ?>, String> QUOTA_CLASS_SET =
            fields(QUOTA_CLASS_NETWORK, QUOTA_CLASS_SERVER_GROUPS);

    private QuotaSetView() {
    }

    /** In Nova's (alphabetical) order, after the id; the context is the id, null to leave it out. */
    private static VersionedFields<Map<String, ?>, String> fields(VersionRange network, VersionRange serverGroups) {
        return new VersionedFields<Map<String, ?>, String>()
                .always("id", (m, id) -> id == null ? VersionedFields.OMIT : id)
                .always("cores", (m, id) -> m.get("cores"))
                .in(network, "fixed_ips", (m, id) -> m.get("fixed_ips"))
                .in(network, "floating_ips", (m, id) -> m.get("floating_ips"))
                .in(QUOTA_INJECTED_FILES, "injected_file_content_bytes", (m, id) -> m.get("injected_file_content_bytes"))
                .in(QUOTA_INJECTED_FILES, "injected_file_path_bytes", (m, id) -> m.get("injected_file_path_bytes"))
                .in(QUOTA_INJECTED_FILES, "injected_files", (m, id) -> m.get("injected_files"))
                .always("instances", (m, id) -> m.get("instances"))
                .always("key_pairs", (m, id) -> m.get("key_pairs"))
                .always("metadata_items", (m, id) -> m.get("metadata_items"))
                .always("ram", (m, id) -> m.get("ram"))
                .in(network, "security_group_rules", (m, id) -> m.get("security_group_rules"))
                .in(network, "security_groups", (m, id) -> m.get("security_groups"))
                .in(serverGroups, "server_group_members", (m, id) -> m.get("server_group_members"))
                .in(serverGroups, "server_groups", (m, id) -> m.get("server_groups"));
    }

    /** {@code {"quota_set": ...}}; {@code id} null for the answer to an update, which has none. */
    public static Map<String, Object> quotaSet(String id, Map<String, ?> values, ApiVersion v) {
        return Map.of("quota_set", QUOTA_SET.render(values, id, v));
    }

    public static Map<String, Object> quotaClassSet(String id, Map<String, ?> values, ApiVersion v) {
        return Map.of("quota_class_set", QUOTA_CLASS_SET.render(values, id, v));
    }
}
