package dev.stratus.compute.api.service;

/** A validated {@code PUT /servers/{id}}; null fields stay as they are ({@code descriptionSet} tells null apart). */
public record ServerUpdate(String name, boolean descriptionSet, String description, String hostname,
        String accessIpV4, String accessIpV6, String diskConfig) {
}
