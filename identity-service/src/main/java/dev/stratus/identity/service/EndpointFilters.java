package dev.stratus.identity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.identity.persistence.EndpointEntity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An endpoint group's filters: the endpoint attributes (interface, service_id, region_id) an endpoint must have, all
 * of them, to be in the group. A null region_id matches endpoints without a region, as in Keystone.
 */
public record EndpointFilters(Map<String, String> values) {

    public static final List<String> KEYS = List.of("service_id", "region_id", "interface");

    private static final ObjectMapper JSON = new ObjectMapper();

    public EndpointFilters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("not an endpoint filter: " + key);
            }
        }
    }

    public boolean matches(EndpointEntity endpoint) {
        for (Map.Entry<String, String> filter : values.entrySet()) {
            String actual = switch (filter.getKey()) {
                case "service_id" -> endpoint.serviceId;
                case "region_id" -> endpoint.regionId;
                default -> endpoint.iface;
            };
            if (!Objects.equals(actual, filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    public List<EndpointEntity> select(List<EndpointEntity> endpoints) {
        return endpoints.stream().filter(this::matches).toList();
    }

    public static EndpointFilters fromJson(String column) {
        try {
            return new EndpointFilters(JSON.readValue(column, new TypeReference<LinkedHashMap<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored endpoint group filters are not JSON", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
