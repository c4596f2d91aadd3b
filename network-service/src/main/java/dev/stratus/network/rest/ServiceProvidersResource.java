package dev.stratus.network.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/service-providers} (the {@code service-type} extension): the drivers behind the advanced services.
 * Stratus has one, its routers: each is a namespace on one host, neither HA nor distributed, which Neutron calls
 * the {@code single_node} L3 provider. Filters on any attribute and {@code fields} work as on other lists.
 */
@Path("/v2.0/service-providers")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceProvidersResource {

    private static final List<Map<String, Object>> PROVIDERS = List.of(
            provider("L3_ROUTER_NAT", "single_node", true));

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        List<String> fields = Fields.of(uri);
        Map<String, List<String>> query = uri.getQueryParameters();
        List<Map<String, Object>> shown = PROVIDERS.stream()
                .filter(p -> matches(p, query))
                .map(p -> Fields.select(p, fields))
                .toList();
        return Map.of("service_providers", shown);
    }

    /** Neutron's list filters: {@code ?attribute=value}, several values of one attribute meaning any of them. */
    private static boolean matches(Map<String, Object> provider, Map<String, List<String>> query) {
        for (Map.Entry<String, Object> attribute : provider.entrySet()) {
            List<String> wanted = query.get(attribute.getKey());
            if (wanted != null && !wanted.isEmpty() && !wanted.contains(String.valueOf(attribute.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> provider(String serviceType, String name, boolean isDefault) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service_type", serviceType);
        p.put("name", name);
        p.put("default", isDefault);
        return p;
    }
}
