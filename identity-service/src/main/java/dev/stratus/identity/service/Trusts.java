package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.TrustEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Trusts as Keystone keeps them: finding a usable one, counting its uses down, and ending it. Every token issued
 * through a trust carries the trust's audit chain id, so ending the trust revokes its tokens in every service.
 */
@ApplicationScoped
public class Trusts {

    private final Revocations revocations;

    public Trusts(Revocations revocations) {
        this.revocations = revocations;
    }

    /** The trust, unless it is gone, expired or used up: Keystone's 404 for all three. */
    public Uni<TrustEntity> usable(String id) {
        return TrustEntity.<TrustEntity>findById(id)
                .map(trust -> trust == null || !trust.usable(Instant.now()) ? null : trust)
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    /**
     * Takes one use of a limited trust; must run inside a transaction. Losing the race for the last use is
     * Keystone's 403.
     */
    public Uni<Void> consumeUse(TrustEntity trust) {
        if (trust.remainingUses == null) {
            return Uni.createFrom().voidItem();
        }
        return TrustEntity.consumeUse(trust.id).invoke(rows -> {
            if (rows == 0) {
                throw ApiException.forbidden("No remaining uses for trust: " + trust.id + ".");
            }
        }).replaceWithVoid();
    }

    /** Deletes the trust and revokes the tokens issued through it; must run inside a transaction. */
    public Uni<Void> delete(TrustEntity trust) {
        return Directory.requireDeleted(TrustEntity.delete("id", trust.id), () -> notFound(trust.id))
                .chain(() -> revocations.revoke(RevocationEvent.ofAuditChain(auditChainId(trust.id))));
    }

    /** A deleted user's trusts go, given or received, as in Keystone; their tokens are revoked. */
    public Uni<Void> deleteOfUser(String userId) {
        return TrustEntity.involving(userId, null).chain(trusts -> {
            if (trusts.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> ids = trusts.stream().map(t -> t.id).toList();
            return TrustEntity.delete("id in ?1", ids).chain(() -> revocations.revokeAll(ids.stream()
                    .map(id -> RevocationEvent.ofAuditChain(auditChainId(id))).toList()));
        });
    }

    /** The audit chain id of a trust's tokens: the trust id's bytes in the URL-safe base64 of audit ids. */
    public static String auditChainId(String trustId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(trustId));
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("Could not find trust: " + id + ".");
    }
}
