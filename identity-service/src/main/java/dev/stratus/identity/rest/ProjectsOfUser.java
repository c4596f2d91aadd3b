package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.EffectiveRoles;
import io.smallrye.mutiny.Uni;
import java.util.Comparator;
import java.util.List;

/** The enabled projects on which a user holds at least one role, itself or through a group. */
final class ProjectsOfUser {

    private ProjectsOfUser() {
    }

    static Uni<List<ProjectEntity>> list(String userId) {
        return EffectiveRoles.actorsOf(userId).chain(actors -> RoleAssignmentEntity.<RoleAssignmentEntity>list(
                        "actorId in ?1 and targetType = ?2", actors, RoleAssignmentEntity.PROJECT))
                .chain(assignments -> {
                    List<String> ids = assignments.stream().map(a -> a.targetId).distinct().toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<ProjectEntity>of());
                    }
                    return ProjectEntity.<ProjectEntity>list("id in ?1 and enabled = true", ids)
                            .map(list -> list.stream().sorted(Comparator.comparing(p -> p.name)).toList());
                });
    }
}
