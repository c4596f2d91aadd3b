package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** {@code PUT /servers/{id}}: name, description (2.19), hostname (2.90), access IPs, disk config. */
@ApplicationScoped
public class ServerUpdater {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final Policy policy;

    public ServerUpdater(ServerLookup lookup, InstanceRepository instances, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.policy = policy;
    }

    @Transactional
    public InstanceRow update(AuthContext caller, String uuid, ServerUpdate u) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:update", ComputeRules.memberOf(row.projectId()));
        instances.db().update("update instances set display_name = coalesce(?, display_name),"
                + " display_description = case when ? then ? else display_description end,"
                + " hostname = coalesce(?, hostname), access_ip_v4 = coalesce(?, access_ip_v4),"
                + " access_ip_v6 = coalesce(?, access_ip_v6), disk_config = coalesce(?, disk_config),"
                + " updated_at = now() where uuid = ?", u.name(), u.descriptionSet(), u.description(), u.hostname(),
                u.accessIpV4(), u.accessIpV6(), u.diskConfig(), uuid);
        return instances.find(uuid).orElseThrow();
    }
}
