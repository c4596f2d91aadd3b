package dev.stratus.compute.api.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.QuotaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Setting limits (os-quota-sets, os-quota-class-sets) with Nova's checks: a project's new limit may not be
 * below what it uses or has handed out to its users; a user's may not be below what the user uses nor
 * above what the project has left plus the user's current limit. {@code force} skips the checks.
 */
@ApplicationScoped
public class QuotaAdmin {

    /** The range a limit may be set to; -1 means unbounded. */
    record Settable(long minimum, long maximum) {
    }

    private final QuotaService quotas;
    private final QuotaRepository rows;

    public QuotaAdmin(QuotaService quotas, QuotaRepository rows) {
        this.quotas = quotas;
        this.rows = rows;
    }

    /** Sets the project's limits (or a user's in it) and answers the limits now in force for it. */
    @Transactional
    public Map<String, Integer> update(String projectId, String userId, Map<String, Integer> requested,
            boolean force) {
        rows.db().lock("quota", projectId);
        if (!force) {
            Map<String, Settable> settable = settable(projectId, userId);
            requested.forEach((resource, limit) -> check(resource, limit, settable.get(resource)));
        }
        requested.forEach((resource, limit) -> rows.putLimit(projectId, userId, resource, limit));
        return quotas.limits(projectId, userId);
    }

    /** Back to the defaults: every limit of the project (users' included), or of one user. */
    @Transactional
    public void reset(String projectId, String userId) {
        rows.db().lock("quota", projectId);
        rows.deleteLimits(projectId, userId);
    }

    @Transactional
    public Map<String, Integer> updateClass(String className, Map<String, Integer> requested) {
        requested.forEach((resource, limit) -> rows.putClassLimit(className, resource, limit));
        return quotas.classLimits(className);
    }

    /** Nova's get_settable_quotas. */
    Map<String, Settable> settable(String projectId, String userId) {
        Map<String, Integer> projectLimits = quotas.limits(projectId, null);
        Map<String, Long> handedOut = rows.userLimitTotals(projectId);
        Map<String, Long> used = quotas.usage(projectId, userId);
        Map<String, Integer> userOwn = userId == null ? Map.of() : rows.limits(projectId, userId);
        Map<String, Settable> out = new LinkedHashMap<>();
        projectLimits.forEach((resource, limit) -> {
            long given = handedOut.getOrDefault(resource, 0L);
            long inUse = used.getOrDefault(resource, 0L);
            if (userId == null) {
                long handedOutBelow = limit < 0 || limit - given < 0 ? -1 : given;
                out.put(resource, new Settable(Math.max(handedOutBelow, inUse), -1));
            } else {
                long remains = limit < 0 ? -1 : limit - given;
                int own = userOwn.getOrDefault(resource, 0);
                long maximum = remains < 0 || own < 0 ? -1 : remains + own;
                out.put(resource, new Settable(inUse, maximum));
            }
        });
        return out;
    }

    private static void check(String resource, int limit, Settable range) {
        if (range == null) {
            return;
        }
        if (unbounded(limit) < unbounded(range.minimum())) {
            throw ApiException.badRequest("Quota limit " + limit + " for " + resource + " must be greater than or"
                    + " equal to already used and reserved " + range.minimum() + ".");
        }
        if (unbounded(limit) > unbounded(range.maximum())) {
            throw ApiException.badRequest("Quota limit " + limit + " for " + resource + " must be less than or"
                    + " equal to " + range.maximum() + ".");
        }
    }

    private static double unbounded(long value) {
        return value == -1 ? Double.POSITIVE_INFINITY : value;
    }
}
