package dev.stratus.network.rest;

import dev.stratus.network.api.Faults;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /v2.0/extensions}: what this Neutron implements. */
@Path("/v2.0/extensions")
@Produces(MediaType.APPLICATION_JSON)
public class ExtensionsResource {

    @GET
    public Map<String, Object> list() {
        return Map.of("extensions", Extensions.ALL.stream().map(Extensions.Extension::body).toList());
    }

    @GET
    @Path("{alias}")
    public Map<String, Object> show(@PathParam("alias") String alias) {
        return Map.of("extension", Extensions.find(alias).map(Extensions.Extension::body).orElseThrow(
                () -> Faults.notFound("HTTPNotFound", "Extension with alias " + alias + " does not exist")));
    }
}
