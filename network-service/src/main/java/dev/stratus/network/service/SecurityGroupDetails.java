package dev.stratus.network.service;

import dev.stratus.network.persistence.SecurityGroupRow;
import dev.stratus.network.persistence.SecurityGroupRuleRow;
import java.util.List;

/** A security group with its rules and tags. */
public record SecurityGroupDetails(SecurityGroupRow group, List<SecurityGroupRuleRow> rules, List<String> tags) {
}
