package dev.stratus.compute.api.view;

import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_OWNER;
import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_POLICY_LIST;
import static dev.stratus.compute.api.view.ComputeVersions.SERVER_GROUP_POLICY_RULES;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.ServerGroupRepository.GroupRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server group bodies: a one-item {@code policies} list and an empty {@code metadata} up to 2.63, then
 * {@code policy} and {@code rules}; the owner from 2.13. Members are the live servers of the group.
 */
public final class ServerGroupView {

    private static final VersionedFields<GroupRow, Void> GROUP = new VersionedFields<GroupRow, Void>()
            .always("id", (g, c) -> g.uuid())
            .always("name", (g, c) -> g.name())
            .in(SERVER_GROUP_POLICY_LIST, "policies", (g, c) -> List.of(g.policy()))
            .in(SERVER_GROUP_POLICY_LIST, "metadata", (g, c) -> Map.of())
            .in(SERVER_GROUP_POLICY_RULES, "policy", (g, c) -> g.policy())
            .in(SERVER_GROUP_POLICY_RULES, "rules", (g, c) -> rules(g.rules()))
            .always("members", (g, c) -> g.members())
            .in(SERVER_GROUP_OWNER, "project_id", (g, c) -> g.projectId())
            .in(SERVER_GROUP_OWNER, "user_id", (g, c) -> g.userId());

    private ServerGroupView() {
    }

    public static Map<String, Object> render(GroupRow g, ApiVersion v) {
        return GROUP.render(g, null, v);
    }

    /** Rules are stored as strings; max_server_per_host is shown as the integer it is. */
    private static Map<String, Object> rules(Map<String, String> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> out.put(k, k.equals("max_server_per_host") && v.matches("\\d{1,9}")
                ? (Object) Integer.valueOf(v) : v));
        return out;
    }
}
