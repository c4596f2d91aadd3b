package dev.stratus.compute.api.persistence;

import java.util.Map;

/** One flavor with its extra specs. */
public record FlavorRow(String id, String name, int vcpus, int memoryMb, int rootGb, int ephemeralGb, int swap,
        double rxtxFactor, boolean isPublic, boolean disabled, String description, Map<String, String> extraSpecs) {
}
