package dev.stratus.image.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /v2/info/import} and {@code /v2/info/stores}: what clients may use. */
@Path("/v2/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @GET
    @Path("import")
    public Map<String, Object> importMethods() {
        return Map.of("import-methods", Map.of("description", "Import methods available.", "type", "array",
                "value", List.of("glance-direct")));
    }

    @GET
    @Path("stores")
    public Map<String, Object> stores() {
        return Map.of("stores", List.of(Map.of("id", "file", "description", "File-system store", "default", true)));
    }
}
