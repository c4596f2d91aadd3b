package dev.stratus.scheduler.service;

import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Providers that can satisfy a request, with a summary of each (Placement's allocation candidates). */
@ApplicationScoped
public class CandidateService {

    /** One candidate provider with its inventories, usage and traits. */
    public record Candidate(ProviderRecord provider, Map<String, InventoryRecord> inventories, Map<String, Long> usages,
            Set<String> traits) {
    }

    private final Database database;
    private final ProviderService lookup;
    private final ProviderRepository providers;

    public CandidateService(Database database, ProviderService lookup, ProviderRepository providers) {
        this.database = database;
        this.lookup = lookup;
        this.providers = providers;
    }

    public List<Candidate> candidates(CandidateRequest request) {
        return database.read(c -> {
            ProviderQuery query = new ProviderQuery(null, null, null, request.memberOf(), Set.of(), request.resources(),
                    request.required(), request.forbidden());
            List<ProviderRecord> found = lookup.list(c, query);
            if (request.isolatedGroups() > 1 || found.isEmpty()) {
                return List.of();
            }
            if (request.limit() != null && found.size() > request.limit()) {
                found = found.subList(0, request.limit());
            }
            List<Long> ids = found.stream().map(ProviderRecord::id).toList();
            var inventories = providers.inventoriesOf(c, ids);
            var usages = providers.usagesOf(c, ids);
            List<Candidate> result = new ArrayList<>();
            for (ProviderRecord p : found) {
                result.add(new Candidate(p, inventories.getOrDefault(p.id(), Map.of()),
                        usages.getOrDefault(p.id(), Map.of()), providers.traits(c, p.id())));
            }
            return result;
        });
    }
}
