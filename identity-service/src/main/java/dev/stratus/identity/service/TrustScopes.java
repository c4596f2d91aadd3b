package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.TrustEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a trust-scoped token stands for, checked as Keystone checks it when it mints one: the trust is usable, the
 * caller is its trustee, the trustor is enabled and still holds every delegated role (implied ones included) on the
 * trust's project, which is enabled.
 */
@ApplicationScoped
public class TrustScopes {

    private final Trusts trusts;
    private final EffectiveRoles effectiveRoles;

    public TrustScopes(Trusts trusts, EffectiveRoles effectiveRoles) {
        this.trusts = trusts;
        this.effectiveRoles = effectiveRoles;
    }

    /** The token's user (the trustor when impersonating, else the trustee), project and roles. */
    public record Delegation(TrustEntity trust, UserEntity tokenUser, ProjectEntity project, DomainEntity domain,
            List<RoleEntity> roles) {
    }

    public Uni<Delegation> resolve(UserEntity trustee, String trustId) {
        return trusts.usable(trustId)
                .onFailure(ApiException.class).transform(e -> ApiException.unauthorized(e.getMessage()))
                .chain(trust -> {
                    if (!trust.trusteeUserId.equals(trustee.id)) {
                        return Uni.createFrom().failure(ApiException.forbidden("User is not a trustee."));
                    }
                    return UserEntity.<UserEntity>findById(trust.trustorUserId).chain(trustor -> {
                        if (trustor == null || !trustor.enabled) {
                            return Uni.createFrom().failure(ApiException.forbidden("Trustor is disabled."));
                        }
                        return onProject(trust, trustor, trustee);
                    });
                });
    }

    private Uni<Delegation> onProject(TrustEntity trust, UserEntity trustor, UserEntity trustee) {
        return ProjectEntity.<ProjectEntity>findById(trust.projectId).chain(project -> DomainEntity
                .<DomainEntity>findById(project.domainId).chain(domain -> {
                    if (!project.enabled || !domain.enabled) {
                        return Uni.createFrom().failure(ApiException.unauthorized("Could not find project: "
                                + project.id + "."));
                    }
                    return delegatedRoles(trust).map(roles -> new Delegation(trust,
                            trust.impersonation ? trustor : trustee, project, domain, roles));
                }));
    }

    /** The trust's roles and those they imply, every one still held by the trustor; else Keystone's 403. */
    private Uni<List<RoleEntity>> delegatedRoles(TrustEntity trust) {
        return effectiveRoles.expand(trust.roles()).chain(delegated -> effectiveRoles
                .of(trust.trustorUserId, RoleAssignmentEntity.PROJECT, trust.projectId)
                .map(held -> {
                    Set<String> heldIds = held.stream().map(r -> r.id).collect(Collectors.toSet());
                    if (delegated.isEmpty() || !delegated.stream().allMatch(r -> heldIds.contains(r.id))) {
                        throw ApiException.forbidden("Trustee has no delegated roles.");
                    }
                    return delegated.stream().filter(r -> r.domainId == null).toList();
                }));
    }
}
