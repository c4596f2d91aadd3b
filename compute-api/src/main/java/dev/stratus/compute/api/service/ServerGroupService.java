package dev.stratus.compute.api.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import dev.stratus.compute.api.persistence.ServerGroupRepository.GroupRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Server groups (Nova's instance groups): created under the server_groups quota; members join at boot. */
@ApplicationScoped
public class ServerGroupService {

    private final ServerGroupRepository groups;
    private final QuotaService quotas;

    public ServerGroupService(ServerGroupRepository groups, QuotaService quotas) {
        this.groups = groups;
        this.quotas = quotas;
    }

    public GroupRow get(String uuid) {
        return groups.find(uuid).orElseThrow(() -> notFound(uuid));
    }

    /** A project's groups, or every group when {@code projectId} is null, oldest first. */
    public List<GroupRow> list(String projectId, int offset, int limit) {
        return groups.list(projectId, null, limit, offset);
    }

    /** Checks the quota under the project's group lock and inserts in the same transaction. */
    @Transactional
    public GroupRow create(String projectId, String userId, String name, String policy, Map<String, String> rules) {
        quotas.checkServerGroups(projectId, userId);
        String uuid = UUID.randomUUID().toString();
        groups.insert(uuid, name, projectId, userId, policy, rules);
        return groups.find(uuid).orElseThrow();
    }

    public void delete(String uuid) {
        if (!groups.delete(uuid)) {
            throw notFound(uuid);
        }
    }

    public static ApiException notFound(String uuid) {
        return ApiException.notFound("Instance group " + uuid + " could not be found.");
    }
}
