package dev.stratus.identity.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.Directory;
import io.smallrye.mutiny.Uni;

/**
 * The 404s of a grant's URL: its target (project or domain; the system always exists), its actor (user or
 * group) and its role exist.
 */
final class GrantChecks {

    private GrantChecks() {
    }

    static Uni<Void> all(Directory directory, String targetType, String targetId, String actorType, String actorId,
            String roleId) {
        return target(directory, targetType, targetId)
                .chain(() -> actor(directory, actorType, actorId))
                .chain(() -> directory.role(roleId))
                .replaceWithVoid();
    }

    static Uni<Void> target(Directory directory, String targetType, String targetId) {
        return switch (targetType) {
            case RoleAssignmentEntity.PROJECT -> directory.project(targetId).replaceWithVoid();
            case RoleAssignmentEntity.SYSTEM -> Uni.createFrom().voidItem();
            default -> directory.domain(targetId).replaceWithVoid();
        };
    }

    /** Keystone's 404 for a grant that does not exist (or that a concurrent revoke removed first). */
    static ApiException missing(String roleId, String actorId, String targetId) {
        return ApiException.notFound("Could not find role assignment with role: " + roleId + ", user or group: "
                + actorId + ", project, domain, or system: " + targetId + ".");
    }

    static Uni<Void> actor(Directory directory, String actorType, String actorId) {
        return RoleAssignmentEntity.GROUP.equals(actorType)
                ? directory.group(actorId).replaceWithVoid()
                : directory.user(actorId).replaceWithVoid();
    }
}
