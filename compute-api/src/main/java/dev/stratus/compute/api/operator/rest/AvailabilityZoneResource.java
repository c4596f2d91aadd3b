package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import dev.stratus.compute.api.operator.service.AvailabilityZones.Zone;
import dev.stratus.compute.api.operator.service.AvailabilityZones.ZonedService;
import dev.stratus.compute.api.view.Times;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /os-availability-zone}: the zones tenants can boot in (any authenticated caller), and with
 * {@code /detail} their hosts and services (operators).
 */
@Path("/v2.1/os-availability-zone")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityZoneResource {

    private static final String RULE = "os_compute_api:os-availability-zone:";

    private final Policy policy;
    private final AvailabilityZones zones;

    public AvailabilityZoneResource(Policy policy, AvailabilityZones zones) {
        this.policy = policy;
        this.zones = zones;
    }

    @GET
    public Map<String, Object> list() {
        policy.enforce(RULE + "list", c -> true);
        List<Map<String, Object>> info = zones.zones(false).stream().map(z -> zone(z, false)).toList();
        return Map.of("availabilityZoneInfo", info);
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail() {
        policy.enforce(RULE + "detail", Policy.admin());
        List<Map<String, Object>> info = zones.zones(true).stream().map(z -> zone(z, true)).toList();
        return Map.of("availabilityZoneInfo", info);
    }

    private static Map<String, Object> zone(Zone zone, boolean detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zoneName", zone.name());
        body.put("zoneState", Map.of("available", zone.available()));
        body.put("hosts", detail && zone.available() ? hosts(zone.hosts()) : null);
        return body;
    }

    private static Map<String, Object> hosts(Map<String, List<ZonedService>> hosts) {
        Map<String, Object> body = new LinkedHashMap<>();
        hosts.forEach((host, services) -> {
            Map<String, Object> byBinary = new LinkedHashMap<>();
            for (ZonedService s : services) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("available", s.up());
                state.put("active", !s.service().disabled());
                state.put("updated_at", Times.micros(s.service().updatedAt()));
                byBinary.put(s.service().binary(), state);
            }
            body.put(host, byBinary);
        });
        return body;
    }
}
