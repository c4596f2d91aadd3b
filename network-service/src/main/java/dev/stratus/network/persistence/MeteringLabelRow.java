package dev.stratus.network.persistence;

/** A metering label: counts a project's router traffic (every router's when shared). */
public record MeteringLabelRow(String id, String projectId, String name, String description, boolean shared) {
}
