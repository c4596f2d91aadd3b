package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's security group faults (neutron/extensions/securitygroup.py). */
public final class SecurityGroupFaults {

    private SecurityGroupFaults() {
    }

    public static ApiException notFound(String id) {
        return Faults.notFound("SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

    public static ApiException ruleNotFound(String id) {
        return Faults.notFound("SecurityGroupRuleNotFound", "Security group rule " + id + " does not exist");
    }

    public static ApiException ruleExists(String ruleId) {
        return Faults.conflict("SecurityGroupRuleExists", "Security group rule already exists. Rule id is " + ruleId
                + ".");
    }

    public static ApiException duplicateRuleInPost() {
        return Faults.conflict("DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST.");
    }

    public static ApiException inUse(String id) {
        return Faults.conflict("SecurityGroupInUse", "Security Group " + id + " in use.");
    }

    public static ApiException cannotRemoveDefault() {
        return Faults.conflict("SecurityGroupCannotRemoveDefault",
                "Insufficient rights for removing default security group.");
    }

    public static ApiException cannotUpdateDefault() {
        return Faults.conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
    }

    public static ApiException defaultAlreadyExists() {
        return Faults.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
    }

    public static ApiException invalidPortRange() {
        return Faults.invalid("SecurityGroupInvalidPortRange",
                "For TCP/UDP protocols, port_range_min must be <= port_range_max");
    }

    public static ApiException invalidPortValue(Object port) {
        return Faults.invalid("SecurityGroupInvalidPortValue", "Invalid value for port " + port);
    }

    public static ApiException invalidIcmpValue(String field, String attr, Object value) {
        return Faults.invalid("SecurityGroupInvalidIcmpValue", "Invalid value for ICMP " + field + " (" + attr + ") "
                + value + ". It must be 0 to 255.");
    }

    public static ApiException missingIcmpType(Object code) {
        return Faults.invalid("SecurityGroupMissingIcmpType", "ICMP code (port-range-max) " + code
                + " is provided but ICMP type (port-range-min) is missing.");
    }

    public static ApiException invalidProtocolForPort(String protocol, String validProtocols) {
        return Faults.invalid("SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol "
                + protocol + ". Ports are only supported for " + validProtocols + ".");
    }

    public static ApiException ethertypeConflictWithProtocol(String ethertype, String protocol) {
        return Faults.invalid("SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype " + ethertype
                + " for protocol " + protocol + ".");
    }

    public static ApiException invalidProtocol(String protocol, String values) {
        return Faults.invalid("SecurityGroupRuleInvalidProtocol", "Security group rule protocol " + protocol
                + " not supported. Only protocol values " + values
                + " and integer representations [0 to 255] are supported.");
    }

    public static ApiException invalidEthertype(String ethertype, String values) {
        return Faults.invalid("SecurityGroupRuleInvalidEtherType", "Security group rule for ethertype '" + ethertype
                + "' not supported. Allowed values are " + values + ".");
    }

    public static ApiException multipleRemotes() {
        return Faults.invalid("SecurityGroupMultipleRemoteEntites", "Only one of remote_ip_prefix or "
                + "remote_group_id or remote_address_group_id may be provided.");
    }

    public static ApiException protocolRequiredWithPorts() {
        return Faults.invalid("SecurityGroupProtocolRequiredWithPorts",
                "Must also specify protocol if port range is given.");
    }

    public static ApiException ethertypeConflictWithCidr(String ethertype, String cidr) {
        return Faults.invalid("SecurityGroupRuleParameterConflict", "Conflicting value ethertype " + ethertype
                + " for CIDR " + cidr);
    }

    public static ApiException notSingleProject() {
        return Faults.invalid("SecurityGroupRulesNotSingleProject",
                "Multiple project_ids in bulk security group rule create not allowed");
    }
}
