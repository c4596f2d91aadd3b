package dev.stratus.identity.service;

import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.ServiceEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service catalog carried in tokens. It changes rarely and is read on every token issue, so it is
 * cached and dropped whenever a service or endpoint changes.
 */
@ApplicationScoped
public class Catalog {

    private volatile List<Map<String, Object>> cached;

    public Uni<List<Map<String, Object>>> entries() {
        List<Map<String, Object>> snapshot = cached;
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot);
        }
        return ServiceEntity.<ServiceEntity>list("enabled", true)
                .chain(services -> EndpointEntity.<EndpointEntity>list("enabled", true)
                        .map(endpoints -> build(services, endpoints)))
                .invoke(built -> cached = built);
    }

    public void invalidate() {
        cached = null;
    }

    private static List<Map<String, Object>> build(List<ServiceEntity> services, List<EndpointEntity> endpoints) {
        List<Map<String, Object>> catalog = new ArrayList<>();
        services.stream().sorted(Comparator.comparing(s -> s.type)).forEach(service -> {
            List<Map<String, Object>> eps = new ArrayList<>();
            endpoints.stream()
                    .filter(e -> e.serviceId.equals(service.id))
                    .sorted(Comparator.comparing(e -> e.iface))
                    .forEach(e -> {
                        Map<String, Object> ep = new LinkedHashMap<>();
                        ep.put("id", e.id);
                        ep.put("interface", e.iface);
                        ep.put("region", e.regionId);
                        ep.put("region_id", e.regionId);
                        ep.put("url", e.url);
                        eps.add(ep);
                    });
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("endpoints", eps);
            entry.put("id", service.id);
            entry.put("type", service.type);
            entry.put("name", service.name == null ? "" : service.name);
            catalog.add(entry);
        });
        return List.copyOf(catalog);
    }
}
