package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;

/** Finds the instance a request names: another project's or a deleted instance is not found, as in Nova. */
@ApplicationScoped
public class ServerLookup {

    private final InstanceRepository instances;

    public ServerLookup(InstanceRepository instances) {
        this.instances = instances;
    }

    public InstanceRow visible(AuthContext caller, String uuid) {
        InstanceRow row = instances.find(uuid).orElseThrow(() -> notFound(uuid));
        if (row.isDeleted() || !(ComputeRules.isAdmin(caller) || row.projectId().equals(caller.projectId()))) {
            throw notFound(uuid);
        }
        return row;
    }

    /** Locks the row of a visible instance for a state change (inside a transaction). */
    public InstanceRow lockVisible(AuthContext caller, String uuid) {
        InstanceRow row = instances.lockForUpdate(uuid).orElseThrow(() -> notFound(uuid));
        if (row.isDeleted() || !(ComputeRules.isAdmin(caller) || row.projectId().equals(caller.projectId()))) {
            throw notFound(uuid);
        }
        return row;
    }

    public static ApiException notFound(String uuid) {
        return ApiException.notFound("Instance " + uuid + " could not be found.");
    }
}
