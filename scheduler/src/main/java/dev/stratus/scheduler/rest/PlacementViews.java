package dev.stratus.scheduler.rest;

import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.service.CandidateService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every Placement response body, built in one place, shaped by the negotiated microversion. */
@ApplicationScoped
public class PlacementViews {

    private final PlacementVersions versions;

    public PlacementViews(PlacementVersions versions) {
        this.versions = versions;
    }

    public Map<String, Object> provider(ProviderRecord p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uuid", p.uuid().toString());
        view.put("name", p.name());
        view.put("generation", p.generation());
        if (versions.atLeast("1.14")) {
            view.put("parent_provider_uuid", p.parentUuid() == null ? null : p.parentUuid().toString());
            view.put("root_provider_uuid", p.rootUuid() == null ? p.uuid().toString() : p.rootUuid().toString());
        }
        String self = "/resource_providers/" + p.uuid();
        List<Map<String, String>> links = new ArrayList<>();
        links.add(link("self", self));
        links.add(link("inventories", self + "/inventories"));
        links.add(link("usages", self + "/usages"));
        if (versions.atLeast("1.1")) {
            links.add(link("aggregates", self + "/aggregates"));
        }
        if (versions.atLeast("1.6")) {
            links.add(link("traits", self + "/traits"));
        }
        if (versions.atLeast("1.11")) {
            links.add(link("allocations", self + "/allocations"));
        }
        view.put("links", links);
        return view;
    }

    public Map<String, Object> providers(List<ProviderRecord> providers) {
        return Map.of("resource_providers", providers.stream().map(this::provider).toList());
    }

    public Map<String, Object> inventory(InventoryRecord inv) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("allocation_ratio", inv.allocationRatio());
        view.put("max_unit", inv.maxUnit());
        view.put("min_unit", inv.minUnit());
        view.put("reserved", inv.reserved());
        view.put("step_size", inv.stepSize());
        view.put("total", inv.total());
        return view;
    }

    public Map<String, Object> inventory(InventoryRecord inv, int generation) {
        Map<String, Object> view = inventory(inv);
        view.put("resource_provider_generation", generation);
        return view;
    }

    public Map<String, Object> inventories(Map<String, InventoryRecord> inventories, int generation) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        inventories.forEach((rc, inv) -> byClass.put(rc, inventory(inv)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("inventories", byClass);
        view.put("resource_provider_generation", generation);
        return view;
    }

    public Map<String, Object> usages(Map<String, Long> usages, int generation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("usages", usages);
        view.put("resource_provider_generation", generation);
        return view;
    }

    public Map<String, Object> traits(Set<String> traits, int generation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("traits", List.copyOf(traits));
        view.put("resource_provider_generation", generation);
        return view;
    }

    public Map<String, Object> aggregates(Set<java.util.UUID> aggregates, int generation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("aggregates", aggregates.stream().map(Object::toString).toList());
        if (versions.atLeast("1.19")) {
            view.put("resource_provider_generation", generation);
        }
        return view;
    }

    public Map<String, Object> resourceClass(String name) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("links", List.of(link("self", "/resource_classes/" + name)));
        return view;
    }

    public Map<String, Object> candidates(List<CandidateService.Candidate> candidates, Map<String, Long> requested) {
        List<Object> requests = new ArrayList<>();
        Map<String, Object> summaries = new LinkedHashMap<>();
        for (CandidateService.Candidate c : candidates) {
            String uuid = c.provider().uuid().toString();
            if (versions.atLeast("1.12")) {
                requests.add(Map.of("allocations", Map.of(uuid, Map.of("resources", requested))));
            } else {
                requests.add(Map.of("allocations", List.of(Map.of("resource_provider", Map.of("uuid", uuid),
                        "resources", requested))));
            }
            Map<String, Object> resources = new LinkedHashMap<>();
            c.inventories().forEach((rc, inv) -> {
                if (versions.atLeast("1.27") || requested.containsKey(rc)) {
                    resources.put(rc, Map.of("capacity", inv.capacity(), "used", c.usages().getOrDefault(rc, 0L)));
                }
            });
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("resources", resources);
            if (versions.atLeast("1.17")) {
                summary.put("traits", List.copyOf(c.traits()));
            }
            if (versions.atLeast("1.29")) {
                summary.put("parent_provider_uuid", c.provider().parentUuid() == null ? null
                        : c.provider().parentUuid().toString());
                summary.put("root_provider_uuid", c.provider().rootUuid() == null ? uuid
                        : c.provider().rootUuid().toString());
            }
            summaries.put(uuid, summary);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("allocation_requests", requests);
        view.put("provider_summaries", summaries);
        return view;
    }

    static Map<String, String> link(String rel, String href) {
        Map<String, String> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("href", href);
        return link;
    }
}
