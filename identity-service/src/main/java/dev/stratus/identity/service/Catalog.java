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
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The service catalog carried in tokens. Services and endpoints change rarely and are read on every token issue, so
 * they are cached and dropped whenever a service or endpoint changes. A project with endpoints associated to it
 * (OS-EP-FILTER) sees only those; the associations are read per token since they are the project's own.
 */
@ApplicationScoped
public class Catalog {

    private final ProjectEndpoints projectEndpoints;
    private volatile Snapshot cached;

    public Catalog(ProjectEndpoints projectEndpoints) {
        this.projectEndpoints = projectEndpoints;
    }

    /** Every service and endpoint, and the full catalog built of the enabled ones. */
    private record Snapshot(List<ServiceEntity> services, List<EndpointEntity> endpoints,
            List<Map<String, Object>> full) {
    }

    /** The full catalog (a domain-scoped token's). */
    public Uni<List<Map<String, Object>>> entries() {
        return snapshot().map(Snapshot::full);
    }

    /**
     * The catalog of a project-scoped token, as Keystone's sql catalog driver filters it: when the project's
     * associations give any endpoint, only those of them that are enabled, and services left without endpoints are
     * left out; otherwise the full catalog ({@code return_all_endpoints_if_no_filter}).
     */
    public Uni<List<Map<String, Object>>> entriesFor(String projectId) {
        if (projectId == null) {
            return entries();
        }
        return snapshot().chain(s -> projectEndpoints.of(projectId, s.endpoints()).map(filtered -> {
            if (filtered.isEmpty()) {
                return s.full();
            }
            Set<String> ids = filtered.stream().map(e -> e.id).collect(Collectors.toSet());
            return build(s.services(), s.endpoints(), e -> ids.contains(e.id), false);
        }));
    }

    public void invalidate() {
        cached = null;
    }

    private Uni<Snapshot> snapshot() {
        Snapshot snapshot = cached;
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot);
        }
        return ServiceEntity.<ServiceEntity>listAll()
                .chain(services -> EndpointEntity.<EndpointEntity>listAll()
                        .map(endpoints -> new Snapshot(List.copyOf(services), List.copyOf(endpoints),
                                build(services, endpoints, e -> true, true))))
                .invoke(built -> cached = built);
    }

    private static List<Map<String, Object>> build(List<ServiceEntity> services, List<EndpointEntity> endpoints,
            Predicate<EndpointEntity> included, boolean keepEmptyServices) {
        List<Map<String, Object>> catalog = new ArrayList<>();
        services.stream().filter(s -> s.enabled).sorted(Comparator.comparing(s -> s.type)).forEach(service -> {
            List<Map<String, Object>> eps = new ArrayList<>();
            endpoints.stream()
                    .filter(e -> e.enabled && e.serviceId.equals(service.id) && included.test(e))
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
            if (eps.isEmpty() && !keepEmptyServices) {
                return;
            }
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
