package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's faults of the auto-allocated-topology extension (neutron/services/auto_allocate/exceptions.py). */
public final class AutoAllocateFaults {

    private AutoAllocateFaults() {
    }

    /** A 409: the deployment lacks what auto-allocation needs, or building the topology failed. */
    public static ApiException failure(String reason) {
        return Faults.conflict("AutoAllocationFailure", "Deployment error: " + reason + ".");
    }

    public static ApiException defaultExternalNetworkExists(String networkId) {
        return Faults.conflict("DefaultExternalNetworkExists", "A default external network already exists: "
                + networkId + ".");
    }

    /** Asking for another project's topology without being an admin. */
    public static ApiException notAuthorized() {
        return Faults.of(403, "NotAuthorized", "Not authorized.");
    }

    public static ApiException unrecognizedField() {
        return Faults.badRequest("auto_allocate", "Unrecognized field");
    }
}
