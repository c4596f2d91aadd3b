package dev.stratus.image.metadef.service;

import dev.stratus.common.fault.PythonRepr;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.metadef.persistence.NamespaceFields;
import dev.stratus.image.metadef.persistence.ObjectFields;
import java.util.ArrayList;
import java.util.List;

/**
 * A namespace body (already checked against the {@code namespace} schema): its attributes, with Glance's
 * defaults (private, not protected, owned by the caller's project), and the content it may be created with.
 */
public record NamespaceInput(NamespaceFields fields, List<AssociationInput> associations, List<ObjectFields> objects,
        JsonNode properties, List<String> tags) {

    private static final int NAME_LENGTH = 80;

    public static NamespaceInput of(JsonNode body, AuthContext caller) {
        String owner = text(body, "owner");
        NamespaceFields fields = new NamespaceFields(text(body, "namespace"), text(body, "display_name"),
                text(body, "description"), body.hasNonNull("visibility") ? text(body, "visibility") : "private",
                body.path("protected").asBoolean(false), owner != null ? owner : ownerOf(caller));
        List<AssociationInput> associations = new ArrayList<>();
        body.path("resource_type_associations").forEach(a -> associations.add(AssociationInput.of(a)));
        List<ObjectFields> objects = new ArrayList<>();
        body.path("objects").forEach(o -> objects.add(ObjectInput.fields(named(o, "objects"))));
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(named(t, "tags").get("name").asText()));
        associations.forEach(a -> fits(a.name(), a.prefix(), a.propertiesTarget()));
        objects.forEach(o -> fits(o.name()));
        tags.forEach(NamespaceInput::fits);
        body.path("properties").fieldNames().forEachRemaining(NamespaceInput::fits);
        return new NamespaceInput(fields, associations, objects, body.get("properties"), tags);
    }

    /**
     * The nested names the namespace schema leaves unbounded must fit their 80-character columns (Glance lets the
     * database fail, a 500).
     */
    private static void fits(String... values) {
        for (String value : values) {
            if (value != null && value.codePointCount(0, value.length()) > NAME_LENGTH) {
                throw ApiException.badRequest("Provided object does not match schema 'namespace': "
                        + PythonRepr.string(value) + " is too long");
            }
        }
    }

    /** Glance's {@code context.owner}: the project, or the user of a token without one. */
    static String ownerOf(AuthContext caller) {
        return caller.projectId() != null ? caller.projectId() : caller.userId();
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Nested objects and tags need a name, as Glance's models do. */
    private static JsonNode named(JsonNode item, String list) {
        if (!item.hasNonNull("name")) {
            throw ApiException.badRequest("Provided object does not match schema 'namespace': 'name' is a required"
                    + " property of every item of '" + list + "'");
        }
        return item;
    }
}
