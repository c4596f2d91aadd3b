package dev.stratus.compute.api.service;

import dev.stratus.common.compute.InjectedFile;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.persistence.QuotaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nova's quotas: limits (configured defaults, the {@code default} quota class, the project's own, then a
 * user's own) and checks counted from live rows inside the caller's transaction, under a per-project lock,
 * so that concurrent creates cannot both pass the last free slot.
 */
@ApplicationScoped
public class QuotaService {

    /** Every resource a quota set shows, in Nova's order. */
    public static final List<String> RESOURCES = List.of("instances", "cores", "ram", "metadata_items",
            "key_pairs", "server_groups", "server_group_members", "injected_files", "injected_file_content_bytes",
            "injected_file_path_bytes");

    /**
     * nova-network's quotas: never enforced, unlimited (-1) unless set, kept because quota and limits bodies
     * below 2.36 (quota classes below 2.50) still carry them.
     */
    public static final List<String> NETWORK_RESOURCES = List.of("fixed_ips", "floating_ips", "security_groups",
            "security_group_rules");

    private final QuotaRepository quotas;
    private final ComputeSettings settings;

    public QuotaService(QuotaRepository quotas, ComputeSettings settings) {
        this.quotas = quotas;
        this.settings = settings;
    }

    /** The limits of every project that has none of its own: the configured ones and the 'default' class. */
    public Map<String, Integer> defaults() {
        return classLimits("default");
    }

    /** A quota class's limits: its own rows over the configured defaults (Nova's get_class_quotas). */
    public Map<String, Integer> classLimits(String className) {
        Map<String, Integer> out = configuredDefaults();
        quotas.classLimits(className).forEach((k, v) -> {
            if (out.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The configured limits ({@code stratus.compute.quota.*}), network quotas unlimited. */
    public Map<String, Integer> configuredDefaults() {
        ComputeSettings.Quota q = settings.quota();
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("instances", q.instances());
        out.put("cores", q.cores());
        out.put("ram", q.ram());
        out.put("metadata_items", q.metadataItems());
        out.put("key_pairs", q.keyPairs());
        out.put("server_groups", q.serverGroups());
        out.put("server_group_members", q.serverGroupMembers());
        out.put("injected_files", q.injectedFiles());
        out.put("injected_file_content_bytes", q.injectedFileContentBytes());
        out.put("injected_file_path_bytes", q.injectedFilePathBytes());
        NETWORK_RESOURCES.forEach(r -> out.put(r, -1));
        return out;
    }

    /** The limits of a project, or of one user in it (the user's own limits over the project's). */
    public Map<String, Integer> limits(String projectId, String userId) {
        Map<String, Integer> out = defaults();
        quotas.limits(projectId, null).forEach((k, v) -> {
            if (out.containsKey(k)) {
                out.put(k, v);
            }
        });
        if (userId != null) {
            quotas.limits(projectId, userId).forEach((k, v) -> {
                if (out.containsKey(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /**
     * What a project (or one user of it) uses, as Nova's quota and limits APIs show it: instances, cores,
     * ram and server groups are counted; key pairs and server group members are per-user or per-group
     * limits Nova shows as 0 in use (and does not hold against a new limit); the rest are not countable.
     */
    public Map<String, Long> usage(String projectId, String userId) {
        QuotaRepository.Usage u = quotas.usage(projectId, userId);
        Map<String, Long> out = new LinkedHashMap<>();
        RESOURCES.forEach(r -> out.put(r, 0L));
        NETWORK_RESOURCES.forEach(r -> out.put(r, 0L));
        out.put("instances", u.instances());
        out.put("cores", u.cores());
        out.put("ram", u.ram());
        out.put("server_groups", quotas.serverGroups(projectId, userId));
        return out;
    }

    /**
     * How many of {@code max} instances of this size fit in the project's and the user's quota, at least
     * {@code min}; a 403 with Nova's message naming the first resource that does not fit. Call inside the
     * transaction that inserts the instances.
     */
    public int reserveInstances(String projectId, String userId, int min, int max, int vcpus, int ram) {
        quotas.db().lock("quota", projectId);
        return fit(projectId, userId, min, max, 1, vcpus, ram);
    }

    /**
     * Nova's quota check of a resize: the flavor's growth in cores and RAM must fit in the project's and the
     * user's quota (a smaller flavor always fits); a 403 with Nova's message otherwise. Call inside the
     * transaction that starts the resize.
     */
    public void checkResize(String projectId, String userId, int moreVcpus, int moreRam) {
        if (moreVcpus <= 0 && moreRam <= 0) {
            return;
        }
        quotas.db().lock("quota", projectId);
        fit(projectId, userId, 1, 1, 0, Math.max(0, moreVcpus), Math.max(0, moreRam));
    }

    private int fit(String projectId, String userId, int min, int max, int instances, int vcpus, int ram) {
        int allowed = max;
        for (String scope : new String[] {null, userId}) {
            Map<String, Integer> limits = scope == null ? limits(projectId, null) : userLimits(projectId, userId);
            if (limits.isEmpty()) {
                continue;
            }
            QuotaRepository.Usage used = quotas.usage(projectId, scope);
            long[][] checks = {
                {limitOf(limits, "instances"), used.instances(), instances},
                {limitOf(limits, "cores"), used.cores(), vcpus},
                {limitOf(limits, "ram"), used.ram(), ram}};
            String[] names = {"instances", "cores", "ram"};
            for (int i = 0; i < checks.length; i++) {
                long limit = checks[i][0];
                long inUse = checks[i][1];
                long each = checks[i][2];
                if (limit < 0 || each == 0) {
                    continue;
                }
                long fits = Math.max(0, (limit - inUse) / each);
                if (fits < min) {
                    throw ApiException.forbidden("Quota exceeded for " + names[i] + ": Requested " + (each * min)
                            + ", but already used " + inUse + " of " + limit + " " + names[i]);
                }
                allowed = (int) Math.min(allowed, fits);
            }
        }
        return allowed;
    }

    /** Only the limits set for the user itself; empty when none are (then the project's apply alone). */
    private Map<String, Integer> userLimits(String projectId, String userId) {
        if (userId == null) {
            return Map.of();
        }
        return quotas.limits(projectId, userId);
    }

    private static long limitOf(Map<String, Integer> limits, String resource) {
        Integer v = limits.get(resource);
        return v == null ? -1 : v;
    }

    /** Nova's check of server metadata size against metadata_items. */
    public void checkMetadata(String projectId, int items) {
        int limit = limits(projectId, null).get("metadata_items");
        if (limit >= 0 && items > limit) {
            throw ApiException.forbidden("Maximum number of metadata items exceeds " + limit);
        }
    }

    /**
     * Nova's check of personality files: their number against injected_files, then the longest path and the
     * longest contents (base64, as sent) against injected_file_path_bytes and injected_file_content_bytes.
     */
    public void checkInjectedFiles(String projectId, String userId, List<InjectedFile> files) {
        if (files.isEmpty()) {
            return;
        }
        Map<String, Integer> limits = limits(projectId, userId);
        long count = limitOf(limits, "injected_files");
        if (count >= 0 && files.size() > count) {
            throw ApiException.forbidden("Personality file limit exceeded");
        }
        long pathBytes = limitOf(limits, "injected_file_path_bytes");
        if (pathBytes >= 0 && files.stream().anyMatch(f -> f.path().length() > pathBytes)) {
            throw ApiException.forbidden("Personality file path exceeds maximum " + pathBytes);
        }
        long contentBytes = limitOf(limits, "injected_file_content_bytes");
        if (contentBytes >= 0 && files.stream().anyMatch(f -> f.contents().length() > contentBytes)) {
            throw ApiException.forbidden("Personality file content exceeds maximum " + contentBytes);
        }
    }

    public void checkKeyPairs(String projectId, String userId) {
        int limit = limits(projectId, userId).get("key_pairs");
        if (limit >= 0 && quotas.keyPairs(userId) >= limit) {
            throw ApiException.forbidden("Quota exceeded, too many key pairs.");
        }
    }

    /**
     * One more server group, as Nova's check_deltas counts it: the project's groups against the project's
     * limit, and the user's own groups against the user's limit (the user's own, else the project's).
     */
    public void checkServerGroups(String projectId, String userId) {
        quotas.db().lock("quota-groups", projectId);
        int projectLimit = limits(projectId, null).get("server_groups");
        int userLimit = limits(projectId, userId).get("server_groups");
        if (over(projectLimit, quotas.serverGroups(projectId, null), 1)
                || over(userLimit, quotas.serverGroups(projectId, userId), 1)) {
            throw ApiException.forbidden("Quota exceeded, too many server groups.");
        }
    }

    /**
     * {@code adding} more servers of one user in a group: Nova counts only that user's live servers among
     * the group's members, against the user's limit. Call with the group locked.
     */
    public void checkServerGroupMembers(String projectId, String userId, String groupUuid, int adding) {
        int limit = limits(projectId, userId).get("server_group_members");
        if (over(limit, quotas.serverGroupMembersOfUser(groupUuid, userId), adding)) {
            throw ApiException.forbidden("Quota exceeded, too many servers in group");
        }
    }

    private static boolean over(int limit, long used, int adding) {
        return limit >= 0 && used + adding > limit;
    }
}
