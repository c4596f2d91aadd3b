package dev.stratus.identity.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A trust (Keystone's OS-TRUST): a trustor's roles on one project, delegated to a trustee. */
@Entity
@Table(name = "trust")
public class TrustEntity extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    public String id;
    @Column(name = "trustor_user_id")
    public String trustorUserId;
    @Column(name = "trustee_user_id")
    public String trusteeUserId;
    @Column(name = "project_id")
    public String projectId;
    public boolean impersonation;
    /** JSON array of role ids. */
    @Column(name = "role_ids")
    public String roleIds;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "remaining_uses")
    public Integer remainingUses;
    @Column(name = "redelegation_count")
    public int redelegationCount;
    @Column(name = "redelegated_trust_id")
    public String redelegatedTrustId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public List<String> roles() {
        try {
            return JSON.readValue(roleIds, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trust " + id + " has unreadable roles", e);
        }
    }

    public void roles(List<String> ids) {
        try {
            roleIds = JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Keystone no longer shows a trust that expired or has no uses left. */
    public boolean usable(Instant now) {
        return !expired(now) && (remainingUses == null || remainingUses > 0);
    }

    /** Trusts the user gave or received; on one project when {@code projectId} is set. */
    public static Uni<List<TrustEntity>> involving(String userId, String projectId) {
        return projectId == null
                ? list("trustorUserId = ?1 or trusteeUserId = ?1", userId)
                : list("(trustorUserId = ?1 or trusteeUserId = ?1) and projectId = ?2", userId, projectId);
    }

    /**
     * Takes one use of a limited trust: 1 when taken (or unlimited), 0 when none was left. Optimistic: the row
     * only changes while it still has uses.
     */
    public static Uni<Integer> consumeUse(String id) {
        return update("remainingUses = remainingUses - 1 where id = ?1 and remainingUses > 0", id);
    }
}
