package dev.stratus.network.persistence;

/** A security group (its rules are read separately). */
public record SecurityGroupRow(String id, String projectId, String name, boolean stateful, StandardAttributes standard) {
}
