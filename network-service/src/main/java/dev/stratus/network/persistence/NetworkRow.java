package dev.stratus.network.persistence;

import java.util.List;

/**
 * A network as stored; {@code networkType} etc. are its one segment (Neutron's provider attributes).
 * {@code isDefault}: the deployment's default external network (auto-allocated-topology), only ever on an external
 * one.
 */
public record NetworkRow(String id, String projectId, String name, boolean adminStateUp, String status, boolean shared,
        boolean external, boolean isDefault, int mtu, boolean portSecurityEnabled, String networkType, String physicalNetwork,
        Integer segmentationId, List<String> availabilityZoneHints, String dnsDomain, StandardAttributes standard) {
}
