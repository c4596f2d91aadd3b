package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;

/** Server metadata with the metadata_items quota and the instance lock. */
@ApplicationScoped
public class ServerMetadata {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final QuotaService quotas;
    private final Policy policy;

    public ServerMetadata(ServerLookup lookup, InstanceRepository instances, QuotaService quotas, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.quotas = quotas;
        this.policy = policy;
    }

    public Map<String, String> all(AuthContext caller, String uuid) {
        InstanceRow row = lookup.visible(caller, uuid);
        policy.enforce("os_compute_api:server-metadata:index", ComputeRules.readerOf(row.projectId()));
        return instances.metadata(uuid);
    }

    @Transactional
    public Map<String, String> update(AuthContext caller, String uuid, Map<String, String> items, boolean replace) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(replace ? "os_compute_api:server-metadata:update_all" : "os_compute_api:server-metadata:update",
                ComputeRules.memberOf(row.projectId()));
        checkLock(caller, row);
        Map<String, String> result = replace ? new TreeMap<>() : new TreeMap<>(instances.metadata(uuid));
        result.putAll(items);
        quotas.checkMetadata(row.projectId(), result.size());
        if (replace) {
            instances.replaceMetadata(uuid, items);
        } else {
            instances.insertMetadata(uuid, items);
        }
        instances.db().update("update instances set updated_at = now() where uuid = ?", uuid);
        return replace ? new TreeMap<>(items) : result;
    }

    @Transactional
    public void delete(AuthContext caller, String uuid, String key) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:server-metadata:delete", ComputeRules.memberOf(row.projectId()));
        checkLock(caller, row);
        if (!instances.deleteMetadata(uuid, key)) {
            throw ApiException.notFound("Metadata item was not found");
        }
        instances.db().update("update instances set updated_at = now() where uuid = ?", uuid);
    }

    static void checkLock(AuthContext caller, InstanceRow row) {
        if (row.locked() && !ComputeRules.isAdmin(caller)) {
            throw ApiException.conflict("Instance " + row.uuid() + " is locked");
        }
    }
}
