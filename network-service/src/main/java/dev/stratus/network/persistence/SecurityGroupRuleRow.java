package dev.stratus.network.persistence;

/**
 * A security group rule. {@code protocol} is as the client gave it (name or number); {@code ruleKey} is the
 * normal form under which equal rules collide.
 */
public record SecurityGroupRuleRow(String id, String securityGroupId, String projectId, String direction,
        String ethertype, String protocol, Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix,
        String remoteGroupId, String ruleKey, StandardAttributes standard) {
}
