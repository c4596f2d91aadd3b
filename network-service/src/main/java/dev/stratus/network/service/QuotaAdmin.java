package dev.stratus.network.service;

import dev.stratus.network.api.Faults;
import dev.stratus.network.persistence.QuotaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/** The quotas API: projects read their own limits; admins read and change any project's. */
@ApplicationScoped
public class QuotaAdmin {

    /** Used, limit and reserved of one resource (quota details). */
    public record Usage(long used, int limit, int reserved) {
    }

    private final Quotas quotas;
    private final QuotaRepository repository;
    private final Access access;

    public QuotaAdmin(Quotas quotas, QuotaRepository repository, Access access) {
        this.quotas = quotas;
        this.repository = repository;
        this.access = access;
    }

    /** Projects with limits of their own, with all their limits. */
    public Map<String, Map<String, Integer>> nonDefault(Caller caller) {
        access.require(caller.admin(), "get_quota");
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        repository.projects().forEach(p -> out.put(p, quotas.limits(p)));
        return out;
    }

    public Map<String, Integer> limits(Caller caller, String projectId) {
        readable(caller, projectId);
        return quotas.limits(projectId);
    }

    public Map<String, Integer> defaults(Caller caller, String projectId) {
        readable(caller, projectId);
        return quotas.defaults();
    }

    public Map<String, Usage> details(Caller caller, String projectId) {
        readable(caller, projectId);
        Map<String, Usage> out = new LinkedHashMap<>();
        quotas.limits(projectId).forEach((resource, limit) -> out.put(resource,
                new Usage(quotas.used(projectId, resource), limit, 0)));
        return out;
    }

    @Transactional
    public Map<String, Integer> update(Caller caller, String projectId, Map<String, Integer> limits) {
        access.require(caller.admin(), "update_quota");
        limits.forEach((resource, limit) -> {
            if (limit < -1) {
                throw Faults.badRequest("Quota limit " + limit + " for " + resource
                        + " must be greater than or equal to -1");
            }
        });
        limits.forEach((resource, limit) -> repository.set(projectId, resource, limit));
        return quotas.limits(projectId);
    }

    @Transactional
    public void reset(Caller caller, String projectId) {
        access.require(caller.admin(), "delete_quota");
        repository.reset(projectId);
    }

    private void readable(Caller caller, String projectId) {
        if (!caller.admin() && !caller.owns(projectId)) {
            throw Faults.of(403, "NotAuthorized", "Non-admin is not authorized to access quotas for another project");
        }
    }
}
