package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;

/** A resource type association a request asks for: the type's name, and optionally a prefix and a target. */
public record AssociationInput(String name, String prefix, String propertiesTarget) {

    public static AssociationInput of(JsonNode body) {
        if (!body.hasNonNull("name")) {
            throw ApiException.badRequest("Provided object does not match schema 'resource_type_association':"
                    + " 'name' is a required property");
        }
        return new AssociationInput(body.get("name").asText(), NamespaceInput.text(body, "prefix"),
                NamespaceInput.text(body, "properties_target"));
    }
}
