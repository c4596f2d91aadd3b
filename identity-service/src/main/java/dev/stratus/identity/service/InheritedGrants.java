package dev.stratus.identity.service;

import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where OS-INHERIT grants apply: a grant on a domain reaches every project of the domain, a grant on a project
 * every project below it; neither reaches its own target.
 */
public final class InheritedGrants {

    private InheritedGrants() {
    }

    /** The ids of the roles the actors inherit on the project, from its domain and its ancestors. */
    public static Uni<List<String>> roleIdsOn(List<String> actors, ProjectEntity project) {
        return ancestorsOf(project, new ArrayList<>()).chain(ancestors -> InheritedRoleAssignmentEntity
                .<InheritedRoleAssignmentEntity>list("actorId in ?1 and ((targetType = ?2 and targetId = ?3)"
                        + " or (targetType = ?4 and targetId in ?5))", actors, RoleAssignmentEntity.DOMAIN,
                        project.domainId, RoleAssignmentEntity.PROJECT, ancestors.isEmpty() ? List.of("") : ancestors))
                .map(grants -> grants.stream().map(g -> g.roleId).distinct().toList());
    }

    private static Uni<List<String>> ancestorsOf(ProjectEntity project, List<String> found) {
        if (project.parentId == null || found.contains(project.parentId)) {
            return Uni.createFrom().item(found);
        }
        return ProjectEntity.<ProjectEntity>findById(project.parentId).chain(parent -> {
            if (parent == null) {
                return Uni.createFrom().item(found);
            }
            found.add(parent.id);
            return ancestorsOf(parent, found);
        });
    }

    /** The projects an inherited grant on the target reaches, among {@code projects}. */
    public static List<String> projectsBelow(String targetType, String targetId, List<ProjectEntity> projects) {
        if (RoleAssignmentEntity.DOMAIN.equals(targetType)) {
            return projects.stream().filter(p -> targetId.equals(p.domainId)).map(p -> p.id).toList();
        }
        Map<String, List<String>> children = new HashMap<>();
        projects.stream().filter(p -> p.parentId != null)
                .forEach(p -> children.computeIfAbsent(p.parentId, k -> new ArrayList<>()).add(p.id));
        List<String> below = new ArrayList<>();
        Deque<String> work = new ArrayDeque<>(children.getOrDefault(targetId, List.of()));
        while (!work.isEmpty()) {
            String id = work.pop();
            if (!below.contains(id)) {
                below.add(id);
                work.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return below;
    }
}
