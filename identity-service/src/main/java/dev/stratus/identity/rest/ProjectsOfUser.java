package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import io.smallrye.mutiny.Uni;
import java.util.Comparator;
import java.util.List;

/** The enabled projects on which a user holds at least one role. */
final class ProjectsOfUser {

    private ProjectsOfUser() {
    }

    static Uni<List<ProjectEntity>> list(String userId) {
        return RoleAssignmentEntity.<RoleAssignmentEntity>list("actorId = ?1 and targetType = ?2", userId,
                        RoleAssignmentEntity.PROJECT)
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
