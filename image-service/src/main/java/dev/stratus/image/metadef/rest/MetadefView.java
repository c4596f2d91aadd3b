package dev.stratus.image.metadef.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ObjectRow;
import dev.stratus.image.metadef.persistence.PropertyRow;
import dev.stratus.image.metadef.persistence.ResourceTypeRow;
import dev.stratus.image.metadef.persistence.TagRow;
import dev.stratus.image.metadef.service.NamespaceDetails;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's JSON bodies as Glance renders them: attributes without a value are left out, times are
 * ISO 8601 to the second, and namespaces and objects carry {@code self} and {@code schema} links.
 */
final class MetadefView {

    static final String NAMESPACES = "/v2/metadefs/namespaces";

    private MetadefView() {
    }

    /** A namespace's own attributes (what create and update answer, and the start of the others). */
    static Map<String, Object> namespace(NamespaceRow ns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns.namespace());
        put(m, "display_name", ns.displayName());
        put(m, "description", ns.description());
        m.put("visibility", ns.visibility());
        m.put("protected", ns.isProtected());
        put(m, "owner", ns.owner());
        put(m, "created_at", time(ns.createdAt()));
        put(m, "updated_at", time(ns.updatedAt()));
        return m;
    }

    static Map<String, Object> withLinks(Map<String, Object> m, NamespaceRow ns) {
        m.put("self", NAMESPACES + "/" + ns.namespace());
        m.put("schema", "/v2/schemas/metadefs/namespace");
        return m;
    }

    /** A namespace in a list: its attributes and resource type associations. */
    static Map<String, Object> listed(NamespaceRow ns, List<AssociationRow> associations) {
        Map<String, Object> m = namespace(ns);
        if (associations != null && !associations.isEmpty()) {
            m.put("resource_type_associations", associations.stream().map(MetadefView::association).toList());
        }
        return withLinks(m, ns);
    }

    /**
     * A namespace with its content. With a {@code prefix} (the one of the resource type the caller named), the
     * property names of the namespace and of its objects carry it, as they would on such a resource.
     */
    static Map<String, Object> details(NamespaceDetails d, String prefix) {
        NamespaceRow ns = d.namespace();
        Map<String, Object> m = namespace(ns);
        if (!d.objects().isEmpty()) {
            m.put("objects", d.objects().stream().map(o -> object(ns.namespace(), o, prefix)).toList());
        }
        if (!d.associations().isEmpty()) {
            m.put("resource_type_associations", d.associations().stream().map(MetadefView::association).toList());
        }
        if (!d.properties().isEmpty()) {
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            d.properties().forEach(p -> properties.set(prefixed(prefix, p.name()), p.schema()));
            m.put("properties", properties);
        }
        if (!d.tags().isEmpty()) {
            m.put("tags", d.tags().stream().map(MetadefView::tagName).toList());
        }
        return withLinks(m, ns);
    }

    static Map<String, Object> object(String namespace, ObjectRow o) {
        return object(namespace, o, null);
    }

    private static Map<String, Object> object(String namespace, ObjectRow o, String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        put(m, "description", o.description());
        m.put("required", o.required().stream().map(r -> prefixed(prefix, r)).toList());
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        o.properties().fields().forEachRemaining(e -> properties.set(prefixed(prefix, e.getKey()), e.getValue()));
        m.put("properties", properties);
        put(m, "created_at", time(o.createdAt()));
        put(m, "updated_at", time(o.updatedAt()));
        m.put("self", NAMESPACES + "/" + namespace + "/objects/" + o.name());
        m.put("schema", "/v2/schemas/metadefs/object");
        return m;
    }

    /** A property on its own: its definition, named. */
    static ObjectNode property(PropertyRow p) {
        ObjectNode out = p.schema().deepCopy();
        out.put("name", p.name());
        return out;
    }

    /** The properties of a namespace by name, as stored. */
    static Map<String, Object> properties(List<PropertyRow> rows) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        rows.forEach(p -> properties.set(p.name(), p.schema()));
        return Map.of("properties", properties);
    }

    static Map<String, Object> tag(TagRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        put(m, "created_at", time(t.createdAt()));
        put(m, "updated_at", time(t.updatedAt()));
        return m;
    }

    /** Tags in lists show their names only. */
    static Map<String, Object> tagName(TagRow t) {
        return Map.of("name", t.name());
    }

    static Map<String, Object> resourceType(ResourceTypeRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        put(m, "created_at", time(t.createdAt()));
        put(m, "updated_at", time(t.updatedAt()));
        return m;
    }

    static Map<String, Object> association(AssociationRow a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        put(m, "prefix", a.prefix());
        put(m, "properties_target", a.propertiesTarget());
        put(m, "created_at", time(a.createdAt()));
        put(m, "updated_at", time(a.updatedAt()));
        return m;
    }

    private static String prefixed(String prefix, String name) {
        return prefix == null ? name : prefix + name;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
