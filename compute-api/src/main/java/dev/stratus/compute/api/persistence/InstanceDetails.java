package dev.stratus.compute.api.persistence;

import java.util.List;
import java.util.Map;

/** An instance with everything its API view shows. */
public record InstanceDetails(InstanceRow row, Map<String, String> metadata, List<String> tags,
        List<String> securityGroups, List<NicRow> nics, FaultRow fault, List<String> serverGroups) {
}
