package dev.stratus.identity.service;

import dev.stratus.identity.persistence.GroupMembershipEntity;
import dev.stratus.identity.persistence.ImpliedRoleEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles a user holds on a project or domain: the assigned ones plus every role they imply,
 * transitively (admin implies member implies reader by default).
 */
@ApplicationScoped
public class EffectiveRoles {

    /**
     * Includes the roles the user holds through its groups and, on a project, the roles inherited from its
     * domain and the projects above it (OS-INHERIT).
     */
    public Uni<List<RoleEntity>> of(String userId, String targetType, String targetId) {
        return actorsOf(userId).chain(actors -> RoleAssignmentEntity.<RoleAssignmentEntity>list(
                        "actorId in ?1 and targetType = ?2 and targetId = ?3", actors, targetType, targetId)
                .chain(assignments -> inherited(actors, targetType, targetId).map(inherited -> {
                    List<String> roleIds = new ArrayList<>(assignments.stream().map(a -> a.roleId).toList());
                    roleIds.addAll(inherited);
                    return roleIds;
                })))
                .chain(roleIds -> roleIds.isEmpty() ? Uni.createFrom().item(List.<RoleEntity>of()) : expand(roleIds));
    }

    private static Uni<List<String>> inherited(List<String> actors, String targetType, String targetId) {
        if (!RoleAssignmentEntity.PROJECT.equals(targetType)) {
            return Uni.createFrom().item(List.of());
        }
        return ProjectEntity.<ProjectEntity>findById(targetId).chain(project -> project == null
                ? Uni.createFrom().item(List.<String>of()) : InheritedGrants.roleIdsOn(actors, project));
    }

    /** The user and the groups it belongs to: every actor whose grants apply to it. */
    public static Uni<List<String>> actorsOf(String userId) {
        return GroupMembershipEntity.groupsOf(userId).map(groups -> {
            List<String> actors = new ArrayList<>(groups);
            actors.add(userId);
            return actors;
        });
    }

    /** The given roles and all they imply, sorted by name. */
    public Uni<List<RoleEntity>> expand(List<String> roleIds) {
        return ImpliedRoleEntity.<ImpliedRoleEntity>listAll().chain(rules -> {
            Map<String, List<String>> implies = new HashMap<>();
            rules.forEach(r -> implies.computeIfAbsent(r.priorRoleId, k -> new ArrayList<>()).add(r.impliedRoleId));
            Set<String> closure = new LinkedHashSet<>();
            Deque<String> work = new ArrayDeque<>(roleIds);
            while (!work.isEmpty()) {
                String id = work.pop();
                if (closure.add(id)) {
                    work.addAll(implies.getOrDefault(id, List.of()));
                }
            }
            return RoleEntity.<RoleEntity>list("id in ?1", closure)
                    .map(roles -> roles.stream().sorted(Comparator.comparing(r -> r.name)).toList());
        });
    }
}
