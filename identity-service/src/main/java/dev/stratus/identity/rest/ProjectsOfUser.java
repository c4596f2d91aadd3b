package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.EffectiveRoles;
import dev.stratus.identity.service.InheritedGrants;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The enabled projects on which a user holds at least one role, itself or through a group, directly or inherited
 * from a domain or a project above (OS-INHERIT).
 */
final class ProjectsOfUser {

    private ProjectsOfUser() {
    }

    static Uni<List<ProjectEntity>> list(String userId) {
        return EffectiveRoles.actorsOf(userId).chain(actors -> RoleAssignmentEntity.<RoleAssignmentEntity>list(
                        "actorId in ?1 and targetType = ?2", actors, RoleAssignmentEntity.PROJECT)
                .chain(direct -> inheritedProjects(actors).map(inherited -> {
                    List<String> ids = new ArrayList<>(direct.stream().map(a -> a.targetId).toList());
                    ids.addAll(inherited);
                    return ids;
                })))
                .chain(targets -> {
                    List<String> ids = targets.stream().distinct().toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<ProjectEntity>of());
                    }
                    return ProjectEntity.<ProjectEntity>list("id in ?1 and enabled = true", ids)
                            .map(list -> list.stream().sorted(Comparator.comparing(p -> p.name)).toList());
                });
    }

    /** The projects below the actors' OS-INHERIT grants. */
    private static Uni<List<String>> inheritedProjects(List<String> actors) {
        return InheritedRoleAssignmentEntity.<InheritedRoleAssignmentEntity>list("actorId in ?1", actors)
                .chain(grants -> grants.isEmpty() ? Uni.createFrom().item(List.<String>of())
                        : ProjectEntity.<ProjectEntity>listAll().map(projects -> grants.stream()
                                .flatMap(g -> InheritedGrants.projectsBelow(g.targetType, g.targetId, projects).stream())
                                .toList()));
    }
}
