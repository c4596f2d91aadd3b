package dev.stratus.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Revocation events this process knows of. Token revocations are looked up by audit id in O(1);
 * the rarer user and project revocations are scanned. Events older than any live token are pruned.
 */
@ApplicationScoped
public class RevocationList {

    /** Longer than any token lives, so pruning never forgets an event a live token could match. */
    private static final Duration RETENTION = Duration.ofDays(2);

    private final Map<String, RevocationEvent> byAuditId = new ConcurrentHashMap<>();
    private final Collection<RevocationEvent> broader = new CopyOnWriteArrayList<>();

    public void add(RevocationEvent event) {
        if (event.auditId() != null && event.userId() == null && event.projectId() == null
                && event.auditChainId() == null) {
            byAuditId.put(event.auditId(), event);
        } else if (!broader.contains(event)) {
            broader.add(event);
        }
    }

    public void addAll(Collection<RevocationEvent> events) {
        events.forEach(this::add);
    }

    public boolean isRevoked(AuthContext token) {
        RevocationEvent direct = byAuditId.get(token.auditId());
        if (direct != null && direct.matches(token)) {
            return true;
        }
        for (RevocationEvent event : broader) {
            if (event.matches(token)) {
                return true;
            }
        }
        return false;
    }

    public void prune(Instant now) {
        Instant cutoff = now.minus(RETENTION);
        byAuditId.values().removeIf(e -> e.revokedAt() != null && e.revokedAt().isBefore(cutoff));
        broader.removeIf(e -> e.revokedAt() != null && e.revokedAt().isBefore(cutoff));
    }

    public int size() {
        return byAuditId.size() + broader.size();
    }
}
