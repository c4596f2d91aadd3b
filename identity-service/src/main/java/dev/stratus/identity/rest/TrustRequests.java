package dev.stratus.identity.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.TrustEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.EffectiveRoles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a new trust as Keystone does before storing it: roles are given, the trustee and the project exist, the
 * trustor holds every requested role there, and the redelegation settings are consistent. Answers the trust to
 * store.
 */
@ApplicationScoped
class TrustRequests {

    /** Keystone's default {@code [trust] max_redelegation_count}. */
    static final int MAX_REDELEGATION_COUNT = 3;

    private final Directory directory;
    private final EffectiveRoles effectiveRoles;

    TrustRequests(Directory directory, EffectiveRoles effectiveRoles) {
        this.directory = directory;
        this.effectiveRoles = effectiveRoles;
    }

    Uni<TrustEntity> accept(AuthContext caller, TrustBody request) {
        if (caller.isTrustScoped()) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: Redelegation of"
                    + " a trust is not supported by this cloud; the trustor creates trusts with its own token.");
        }
        if (request.projectId() == null) {
            throw ApiException.badRequest("Invalid input for field 'project_id': trusts without a project are not"
                    + " supported by this cloud.");
        }
        if (request.roles().isEmpty()) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: At least one role"
                    + " should be specified.");
        }
        TrustEntity trust = new TrustEntity();
        trust.id = Ids.newId();
        trust.trustorUserId = request.trustorUserId();
        trust.trusteeUserId = request.trusteeUserId();
        trust.projectId = request.projectId();
        trust.impersonation = request.impersonation();
        trust.expiresAt = request.expiresAt();
        trust.remainingUses = request.remainingUses();
        trust.redelegationCount = redelegationCount(request);
        return directory.user(request.trusteeUserId())
                .chain(() -> directory.project(request.projectId()))
                .chain(() -> requested(request.roles()))
                .call(roleIds -> requireHeld(request.trustorUserId(), request.projectId(), roleIds))
                .map(roleIds -> {
                    trust.roles(roleIds);
                    return trust;
                });
    }

    /** 0 unless redelegation is allowed; then the requested depth, at most Keystone's maximum, or the maximum. */
    private static int redelegationCount(TrustBody request) {
        Integer requested = request.redelegationCount();
        if (!request.allowRedelegation() || (requested != null && requested == 0)) {
            return 0;
        }
        if (requested != null && requested > MAX_REDELEGATION_COUNT) {
            throw ApiException.forbidden("Requested redelegation depth of " + requested + " is greater than allowed "
                    + MAX_REDELEGATION_COUNT);
        }
        if (request.remainingUses() != null) {
            throw ApiException.badRequest("remaining_uses must not be set if redelegation is allowed");
        }
        return requested == null ? MAX_REDELEGATION_COUNT : requested;
    }

    /** The requested roles' ids, in order and without repeats; an unknown role is Keystone's 404. */
    private Uni<List<String>> requested(List<ApplicationCredentialBody.RoleRef> refs) {
        Uni<List<String>> ids = Uni.createFrom().item(new ArrayList<>());
        for (ApplicationCredentialBody.RoleRef ref : refs) {
            ids = ids.call(list -> (ref.id() != null ? directory.role(ref.id())
                    : RoleEntity.<RoleEntity>find("name = ?1 and domainId is null", ref.name()).firstResult()
                            .onItem().ifNull().failWith(() -> ApiException.notFound(
                                    "Could not find role: " + ref.name() + ".")))
                    .invoke(role -> {
                        if (!list.contains(role.id)) {
                            list.add(role.id);
                        }
                    }));
        }
        return ids;
    }

    /** Keystone answers a role the trustor does not hold on the project with the role's 404. */
    private Uni<Void> requireHeld(String trustorId, String projectId, List<String> roleIds) {
        return effectiveRoles.of(trustorId, RoleAssignmentEntity.PROJECT, projectId).invoke(held -> {
            Set<String> heldIds = held.stream().map(r -> r.id).collect(Collectors.toSet());
            for (String id : roleIds) {
                if (!heldIds.contains(id)) {
                    throw ApiException.notFound("Could not find role: " + id + ".");
                }
            }
        }).replaceWithVoid();
    }
}
