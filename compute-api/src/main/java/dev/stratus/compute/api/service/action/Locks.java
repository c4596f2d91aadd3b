package dev.stratus.compute.api.service.action;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;

/** Nova's check_instance_lock: a locked server refuses actions from anyone but an admin. */
public final class Locks {

    private Locks() {
    }

    public static void check(AuthContext caller, InstanceRow row) {
        if (row.locked() && !ComputeRules.isAdmin(caller)) {
            throw ApiException.conflict("Instance " + row.uuid() + " is locked");
        }
    }
}
