package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.image.metadef.persistence.ObjectFields;
import java.util.ArrayList;
import java.util.List;

/** Reads an object body (checked against the {@code object} schema) into what is stored of it. */
public final class ObjectInput {

    private ObjectInput() {
    }

    /** Attributes the body leaves out are cleared, as Glance's update replaces them all. */
    public static ObjectFields fields(JsonNode body) {
        List<String> required = new ArrayList<>();
        body.path("required").forEach(r -> required.add(r.asText()));
        return new ObjectFields(body.get("name").asText(), NamespaceInput.text(body, "description"), required,
                PropertyDefinition.map(body.get("properties")));
    }
}
