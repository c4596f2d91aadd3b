package dev.stratus.network.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource's attributes from a request body, converted and validated; on create, with Neutron's defaults
 * filled in. {@link #given(String)} tells what the client sent from what a default supplied.
 */
public final class RequestBody {

    private final Map<String, Object> values;
    private final Set<String> given;

    public RequestBody(Map<String, Object> values, Set<String> given) {
        this.values = new LinkedHashMap<>(values);
        this.given = new LinkedHashSet<>(given);
    }

    /** Whether the attribute has a value (given or defaulted). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the client sent the attribute. */
    public boolean given(String name) {
        return given.contains(name);
    }

    /** The attributes the client sent, in body order. */
    public Set<String> givenNames() {
        return Collections.unmodifiableSet(given);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    public Integer integer(String name) {
        return (Integer) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(String name) {
        return (List<T>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        return (Map<String, Object>) values.get(name);
    }

    /** A JSON value kept as given (e.g. binding:profile). */
    public com.fasterxml.jackson.databind.JsonNode json(String name) {
        return (com.fasterxml.jackson.databind.JsonNode) values.get(name);
    }

    /** The same body with one more value, e.g. the project an admin named filled in for its owner. */
    public RequestBody with(String name, Object value) {
        RequestBody copy = new RequestBody(values, given);
        copy.values.put(name, value);
        return copy;
    }
}
