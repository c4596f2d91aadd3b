package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The 201 of a create: {@code {"network": {...}}}, or {@code {"networks": [...]}} for a bulk body. */
final class Created {

    private Created() {
    }

    static Response of(JsonNode body, String resource, String collection, List<Map<String, Object>> items) {
        boolean bulk = body != null && body.has(collection);
        return Response.status(201).entity(bulk ? Map.of(collection, items) : Map.of(resource, items.get(0))).build();
    }
}
