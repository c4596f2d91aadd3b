package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.auth.RevocationList;
import dev.stratus.identity.persistence.RevocationEventEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.TrustEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Records revocation events: persisted (so services starting later can read them), applied to this
 * process at once, and broadcast to every other service.
 */
@ApplicationScoped
public class Revocations {

    private final RevocationList local;
    private final RevocationBroadcaster broadcaster;

    public Revocations(RevocationList local, RevocationBroadcaster broadcaster) {
        this.local = local;
        this.broadcaster = broadcaster;
    }

    /**
     * Must run inside a transaction; the broadcast goes out once the caller's work is persisted. An event about a
     * user also revokes the tokens of the trusts the user gave or received (on the event's project, when it has
     * one), as Keystone matches a user's events against a token's trustor and trustee.
     */
    public Uni<Void> revoke(RevocationEvent event) {
        return record(event).chain(() -> event.userId() == null
                ? Uni.createFrom().voidItem()
                : TrustEntity.involving(event.userId(), event.projectId()).chain(trusts -> {
                    Uni<Void> work = Uni.createFrom().voidItem();
                    for (TrustEntity trust : trusts) {
                        work = work.chain(() -> record(RevocationEvent.ofAuditChain(
                                Trusts.auditChainId(trust.id))));
                    }
                    return work;
                }));
    }

    private Uni<Void> record(RevocationEvent event) {
        return RevocationEventEntity.from(event).persist()
                .invoke(() -> {
                    local.add(event);
                    broadcaster.broadcast(event);
                })
                .replaceWithVoid();
    }

    /** Revokes the tokens a lost grant contributed to (one event per affected user). */
    public Uni<Void> revokeGrant(RoleAssignmentEntity grant) {
        return grant.revocations().chain(this::revokeAll);
    }

    /** Revokes the tokens a lost inherited grant may have contributed to. */
    public Uni<Void> revokeInherited(InheritedRoleAssignmentEntity grant) {
        return grant.revocations().chain(this::revokeAll);
    }

    public Uni<Void> revokeAll(List<RevocationEvent> events) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (RevocationEvent event : events) {
            work = work.chain(() -> revoke(event));
        }
        return work;
    }

    public Uni<List<RevocationEvent>> since(Instant since) {
        return RevocationEventEntity.<RevocationEventEntity>list("revokedAt >= ?1 order by id", since)
                .map(list -> list.stream().map(RevocationEventEntity::toEvent).toList());
    }

    /** Loads the recent events into this process (at start-up). */
    public Uni<Void> loadRecent(Instant since) {
        return since(since).invoke(local::addAll).replaceWithVoid();
    }
}
