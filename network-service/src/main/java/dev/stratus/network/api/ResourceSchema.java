package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The attributes one resource accepts, and the reading of its request bodies as Neutron's API layer reads them
 * (prepare_request_body): the resource key, bulk lists, unknown and read-only attributes, required attributes,
 * defaults, then each value's conversion and validation.
 */
public final class ResourceSchema {

    private final String resource;
    private final String collection;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    private ResourceSchema(String resource, String collection, List<Attribute> attributes) {
        this.resource = resource;
        this.collection = collection;
        attributes.forEach(a -> this.attributes.put(a.name(), a));
    }

    /** {@code project_id} and {@code tenant_id} are added to every schema, as Neutron populates both. */
    public static ResourceSchema of(String resource, String collection, Attribute... attributes) {
        List<Attribute> all = new ArrayList<>(List.of(attributes));
        all.add(Attribute.createOnly("project_id", Attribute.UNSET, Values.string(255)));
        all.add(Attribute.createOnly("tenant_id", Attribute.UNSET, Values.string(255)));
        return new ResourceSchema(resource, collection, all);
    }

    public String resource() {
        return resource;
    }

    public String collection() {
        return collection;
    }

    /** The items of a create: one, or several for a bulk body ({@code {"networks": [...]}}). */
    public List<RequestBody> forCreate(JsonNode body, boolean allowBulk) {
        requireBody(body);
        if (body.has(collection)) {
            if (!allowBulk) {
                throw Faults.badRequest("Bulk operation not supported");
            }
            JsonNode items = body.get(collection);
            if (!items.isArray()) {
                throw Faults.badRequest("Body contains invalid data");
            }
            if (items.isEmpty()) {
                throw Faults.badRequest("Resources required");
            }
            List<RequestBody> out = new ArrayList<>();
            for (JsonNode item : items) {
                out.add(create(item.has(resource) && item.size() == 1 ? item.get(resource) : item));
            }
            return out;
        }
        return List.of(create(resourceObject(body)));
    }

    /** The one item of an update. */
    public RequestBody forUpdate(JsonNode body) {
        requireBody(body);
        JsonNode item = resourceObject(body);
        checkKnown(item);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        item.fieldNames().forEachRemaining(name -> {
            if (!attributes.get(name).allowPut()) {
                throw Faults.badRequest("Cannot update read-only attribute " + name);
            }
        });
        item.fields().forEachRemaining(e -> {
            values.put(e.getKey(), read(attributes.get(e.getKey()), e.getValue()));
            given.add(e.getKey());
        });
        return new RequestBody(values, given);
    }

    private RequestBody create(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw Faults.badRequest("Object '" + resource + "' contains invalid data");
        }
        checkProject(item);
        checkKnown(item);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        for (Attribute a : attributes.values()) {
            if (!item.has(a.name())) {
                if (a.allowPost() && a.required()) {
                    throw Faults.badRequest("Failed to parse request. Required attribute '" + a.name()
                            + "' not specified");
                }
                continue;
            }
            if (!a.allowPost()) {
                throw Faults.badRequest("Attribute '" + a.name() + "' not allowed in POST");
            }
        }
        Set<String> explicit = new LinkedHashSet<>();
        item.fields().forEachRemaining(e -> {
            Attribute a = attributes.get(e.getKey());
            Object value = read(a, e.getValue());
            values.put(e.getKey(), value);
            given.add(e.getKey());
            if (a.required() || !Objects.equals(value, a.defaultValue())) {
                explicit.add(e.getKey());
            }
        });
        for (Attribute a : attributes.values()) {
            if (a.allowPost() && !values.containsKey(a.name()) && a.defaultValue() != Attribute.UNSET) {
                values.put(a.name(), a.defaultValue());
            }
        }
        if (values.containsKey("tenant_id") && !values.containsKey("project_id")) {
            values.put("project_id", values.get("tenant_id"));
        }
        return new RequestBody(values, given, explicit);
    }

    private void requireBody(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode() || (body.isObject() && body.isEmpty())) {
            throw Faults.badRequest("Resource body required");
        }
        if (!body.isObject()) {
            throw Faults.badRequest("Body contains invalid data");
        }
    }

    private JsonNode resourceObject(JsonNode body) {
        JsonNode item = body.get(resource);
        if (item == null || item.isNull()) {
            throw Faults.badRequest("Unable to find '" + resource + "' in request body");
        }
        if (!item.isObject()) {
            throw Faults.badRequest("Object '" + resource + "' contains invalid data");
        }
        return item;
    }

    private static void checkProject(JsonNode item) {
        JsonNode project = item.get("project_id");
        JsonNode tenant = item.get("tenant_id");
        if (project != null && tenant != null && !project.equals(tenant)) {
            throw Faults.badRequest("'project_id' and 'tenant_id' do not match");
        }
    }

    private void checkKnown(JsonNode item) {
        List<String> unknown = new ArrayList<>();
        item.fieldNames().forEachRemaining(name -> {
            if (!attributes.containsKey(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw Faults.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
    }

    private static Object read(Attribute attribute, JsonNode value) {
        try {
            return attribute.reader().read(value);
        } catch (ValueReader.Invalid e) {
            throw Faults.badRequest("Invalid input for " + attribute.name() + ". Reason: " + e.getMessage() + ".");
        }
    }
}
