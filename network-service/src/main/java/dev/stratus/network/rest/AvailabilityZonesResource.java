package dev.stratus.network.rest;

import dev.stratus.network.config.NetworkSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /v2.0/availability_zones}: the one zone, for networks and routers. */
@Path("/v2.0/availability_zones")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityZonesResource {

    private final NetworkSettings settings;

    public AvailabilityZonesResource(NetworkSettings settings) {
        this.settings = settings;
    }

    @GET
    public Map<String, Object> list() {
        String zone = settings.availabilityZone();
        return Map.of("availability_zones", List.of(
                Map.of("name", zone, "resource", "network", "state", "available"),
                Map.of("name", zone, "resource", "router", "state", "available")));
    }
}
