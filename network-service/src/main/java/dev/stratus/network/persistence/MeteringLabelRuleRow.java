package dev.stratus.network.persistence;

/**
 * One rule of a metering label: the traffic of a direction (and prefixes) it counts, or with {@code excluded}
 * leaves out. {@code remoteIpPrefix} is the deprecated form; the others are null when not given.
 */
public record MeteringLabelRuleRow(String id, String meteringLabelId, String direction, boolean excluded,
        String remoteIpPrefix, String sourceIpPrefix, String destinationIpPrefix) {
}
