package dev.stratus.image.metadef.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas of the catalog, as Glance publishes them under {@code /v2/schemas/metadefs/} and as request
 * bodies are validated against them (by {@link SchemaValidator}). Every call builds a fresh document.
 */
public final class MetadefSchemas {

    private static final List<Object> PROPERTY_TYPES =
            Arrays.asList("array", "boolean", "integer", "number", "object", "string", null);

    private MetadefSchemas() {
    }

    /** {@code namespace}: a namespace, with the objects, properties, tags and associations it may be created with. */
    public static Map<String, Object> namespace() {
        return item("namespace", namespaceProperties(), List.of("namespace"), namespaceDefinitions());
    }

    public static Map<String, Object> namespaces() {
        return collection("namespaces", namespace());
    }

    /** {@code object}: one object of a namespace. */
    public static Map<String, Object> object() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", map("type", "string", "maxLength", 80));
        p.put("description", map("type", "string"));
        p.put("required", ref("stringArray"));
        p.put("properties", ref("property"));
        p.put("schema", map("readOnly", true, "type", "string"));
        p.put("self", map("readOnly", true, "type", "string"));
        p.put("created_at", timestamp("Date and time of object creation"));
        p.put("updated_at", timestamp("Date and time of the last object modification"));
        return item("object", p, List.of("name"), namespaceDefinitions());
    }

    public static Map<String, Object> objects() {
        return collection("objects", object());
    }

    /** {@code property}: one property definition, named (the name is required when it stands alone). */
    public static Map<String, Object> property() {
        return item("property", propertyAttributes(), List.of("type", "title", "name"), propertyDefinitions());
    }

    /** {@code property} without the name: what an object's or a namespace's properties map holds. */
    public static Map<String, Object> unnamedProperty() {
        return item("property", propertyAttributes(), List.of("type", "title"), propertyDefinitions());
    }

    /** {@code properties}: a map of property definitions by name. */
    public static Map<String, Object> properties() {
        Map<String, Object> item = unnamedProperty();
        Object definitions = item.remove("definitions");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("properties", map("type", "object", "additionalProperties", item));
        props.put("first", map("type", "string"));
        props.put("next", map("type", "string"));
        props.put("schema", map("type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "properties");
        schema.put("properties", props);
        schema.put("links", links());
        schema.put("definitions", definitions);
        return schema;
    }

    /** {@code tag}: one tag definition. */
    public static Map<String, Object> tag() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", map("type", "string", "maxLength", 80));
        p.put("created_at", timestamp("Date and time of tag creation"));
        p.put("updated_at", timestamp("Date and time of the last tag modification"));
        return item("tag", p, List.of("name"), null);
    }

    public static Map<String, Object> tags() {
        return collection("tags", tag());
    }

    /** The body of {@code POST .../tags} (not published): a list of tags by name. */
    public static Map<String, Object> tagList() {
        Map<String, Object> tagItem = new LinkedHashMap<>();
        tagItem.put("type", "object");
        // Glance leaves the length to the database column; the column's 80 is checked here instead.
        tagItem.put("properties", map("name", map("type", "string", "maxLength", 80)));
        tagItem.put("required", List.of("name"));
        tagItem.put("additionalProperties", false);
        return item("tags", map("tags", map("type", "array", "items", tagItem)), null, null);
    }

    /** {@code resource_type}: a namespace's association with a resource type. */
    public static Map<String, Object> resourceTypeAssociation() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", map("type", "string", "description", "Resource type names should be aligned with Heat"
                + " resource types whenever possible: https://docs.openstack.org/heat/latest/template_guide/"
                + "openstack.html", "maxLength", 80));
        p.put("prefix", map("type", "string", "description", "Specifies the prefix to use for the given resource"
                + " type. Any properties in the namespace should be prefixed with this prefix when being applied to"
                + " the specified resource type. Must include prefix separator (e.g. a colon :).", "maxLength", 80));
        p.put("properties_target", map("type", "string", "description", "Some resource types allow more than one"
                + " key / value pair per instance.  For example, Cinder allows user and image metadata on volumes."
                + " Only the image properties metadata is evaluated by Nova (scheduling or drivers). This property"
                + " allows a namespace target to remove the ambiguity.", "maxLength", 80));
        p.put("created_at", timestamp("Date and time of resource type association"));
        p.put("updated_at", timestamp("Date and time of the last resource type association modification"));
        return item("resource_type_association", p, List.of("name"), null);
    }

    public static Map<String, Object> resourceTypeAssociations() {
        return collection("resource_type_associations", resourceTypeAssociation());
    }

    private static Map<String, Object> namespaceProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("namespace", map("type", "string", "description", "The unique namespace text.", "maxLength", 80));
        p.put("display_name", map("type", "string", "description",
                "The user friendly name for the namespace. Used by UI if available.", "maxLength", 80));
        p.put("description", map("type", "string", "description",
                "Provides a user friendly description of the namespace.", "maxLength", 500));
        p.put("visibility", map("type", "string", "description", "Scope of namespace accessibility.",
                "enum", List.of("public", "private")));
        p.put("protected", map("type", "boolean", "description", "If true, namespace will not be deletable."));
        p.put("owner", map("type", "string", "description", "Owner of the namespace.", "maxLength", 255));
        p.put("created_at", timestamp("Date and time of namespace creation"));
        p.put("updated_at", timestamp("Date and time of the last namespace modification"));
        p.put("schema", map("readOnly", true, "type", "string"));
        p.put("self", map("readOnly", true, "type", "string"));
        p.put("resource_type_associations", map("type", "array", "items", map("type", "object", "properties",
                map("name", map("type", "string"), "prefix", map("type", "string"),
                        "properties_target", map("type", "string")))));
        p.put("properties", ref("property"));
        p.put("objects", map("type", "array", "items", map("type", "object", "properties",
                map("name", map("type", "string"), "description", map("type", "string"),
                        "required", ref("stringArray"), "properties", ref("property")))));
        p.put("tags", map("type", "array", "items", map("type", "object", "properties",
                map("name", map("type", "string")))));
        return p;
    }

    /** The definitions of the namespace and object schemas. */
    private static Map<String, Object> namespaceDefinitions() {
        Map<String, Object> d = positiveIntegers();
        d.put("stringArray", map("type", "array", "items", map("type", "string"), "uniqueItems", true));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("type", "object");
        definition.put("required", List.of("title", "type"));
        definition.put("properties", propertyAttributes());
        d.put("property", map("type", "object", "additionalProperties", definition));
        return d;
    }

    /** The definitions of the property schemas: their string arrays may not be empty. */
    private static Map<String, Object> propertyDefinitions() {
        Map<String, Object> d = positiveIntegers();
        d.put("stringArray", map("type", "array", "items", map("type", "string"), "minItems", 1,
                "uniqueItems", true));
        return d;
    }

    private static Map<String, Object> positiveIntegers() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("positiveInteger", map("type", "integer", "minimum", 0));
        d.put("positiveIntegerDefault0", map("allOf", List.of(ref("positiveInteger"), map("default", 0))));
        return d;
    }

    /** The attributes a property definition may have. */
    private static Map<String, Object> propertyAttributes() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", map("type", "string", "maxLength", 80));
        p.put("title", map("type", "string"));
        p.put("description", map("type", "string"));
        p.put("operators", map("type", "array", "items", map("type", "string")));
        p.put("type", map("type", "string", "enum", PROPERTY_TYPES));
        p.put("required", ref("stringArray"));
        p.put("minimum", map("type", "number"));
        p.put("maximum", map("type", "number"));
        p.put("maxLength", ref("positiveInteger"));
        p.put("minLength", ref("positiveIntegerDefault0"));
        p.put("pattern", map("type", "string", "format", "regex"));
        p.put("enum", map("type", "array"));
        p.put("readonly", map("type", "boolean"));
        p.put("default", new LinkedHashMap<>());
        p.put("items", map("type", "object", "properties", map("type", map("type", "string", "enum", PROPERTY_TYPES),
                "enum", map("type", "array"))));
        p.put("maxItems", ref("positiveInteger"));
        p.put("minItems", ref("positiveIntegerDefault0"));
        p.put("uniqueItems", map("type", "boolean", "default", false));
        p.put("additionalItems", map("type", "boolean"));
        return p;
    }

    /** Glance's {@code Schema.raw()}: closed to other attributes. */
    private static Map<String, Object> item(String name, Map<String, Object> properties, List<String> required,
            Map<String, Object> definitions) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", name);
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        if (definitions != null) {
            schema.put("definitions", definitions);
        }
        if (required != null) {
            schema.put("required", new ArrayList<>(required));
        }
        return schema;
    }

    /** Glance's {@code CollectionSchema.raw()}: the item's definitions move up to the collection. */
    private static Map<String, Object> collection(String name, Map<String, Object> item) {
        Object definitions = item.remove("definitions");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(name, map("type", "array", "items", item));
        props.put("first", map("type", "string"));
        props.put("next", map("type", "string"));
        props.put("schema", map("type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", name);
        schema.put("properties", props);
        schema.put("links", links());
        if (definitions != null) {
            schema.put("definitions", definitions);
        }
        return schema;
    }

    private static List<Object> links() {
        return List.of(map("rel", "first", "href", "{first}"), map("rel", "next", "href", "{next}"),
                map("rel", "describedby", "href", "{schema}"));
    }

    private static Map<String, Object> timestamp(String description) {
        return map("type", "string", "readOnly", true, "description", description, "format", "date-time");
    }

    private static Map<String, Object> ref(String definition) {
        return map("$ref", "#/definitions/" + definition);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
