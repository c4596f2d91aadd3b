package dev.stratus.network.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource's attributes from a request body, converted and validated; on create, with Neutron's defaults
 * filled in. {@link #given(String)} tells what the client sent from what a default supplied; {@link #explicitlySet()}
 * is what policy checks count as set (Neutron's rule: on create, a value sent at the attribute's default is not).
 */
public final class RequestBody {

    private final Map<String, Object> values;
    private final Set<String> given;
    private final Set<String> explicit;

    /** A body whose every given attribute counts as set (an update's). */
    public RequestBody(Map<String, Object> values, Set<String> given) {
        this(values, given, given);
    }

    /** @param explicit the given attributes that policy counts as set, a subset of {@code given} */
    public RequestBody(Map<String, Object> values, Set<String> given, Set<String> explicit) {
        this.values = new LinkedHashMap<>(values);
        this.given = new LinkedHashSet<>(given);
        this.explicit = new LinkedHashSet<>(explicit);
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

    /**
     * The attributes that policy rules look at, in body order: those the client sent, less, on create, those sent
     * at their default (so a member's {@code "shared": false} is no admin-only attribute, as in Neutron).
     */
    public Set<String> explicitlySet() {
        return Collections.unmodifiableSet(explicit);
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
        RequestBody copy = new RequestBody(values, given, explicit);
        copy.values.put(name, value);
        return copy;
    }
}
