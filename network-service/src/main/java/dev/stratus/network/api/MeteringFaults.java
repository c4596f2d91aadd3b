package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's metering faults, worded as neutron-lib words them. */
public final class MeteringFaults {

    private MeteringFaults() {
    }

    public static ApiException labelNotFound(String id) {
        return Faults.notFound("MeteringLabelNotFound", "Metering label '" + id + "' does not exist.");
    }

    public static ApiException ruleNotFound(String id) {
        return Faults.notFound("MeteringLabelRuleNotFound", "Metering label rule '" + id + "' does not exist.");
    }

    public static ApiException ruleOverlaps(String remoteIpPrefix) {
        return Faults.conflict("MeteringLabelRuleOverlaps", "Metering label rule with remote_ip_prefix '"
                + remoteIpPrefix + "' overlaps another.");
    }

    /**
     * The metering plugin's checks raise neutron-lib's bare {@code Invalid}, which no fault map entry covers:
     * Neutron's API answers it with a 500 carrying the message, and so does this one.
     */
    public static ApiException invalid(String message) {
        return Faults.of(500, "Invalid", message);
    }
}
