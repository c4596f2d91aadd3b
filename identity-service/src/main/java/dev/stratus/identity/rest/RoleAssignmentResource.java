package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.GroupMembershipEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.UserEntity;
import dev.stratus.identity.service.EffectiveRoles;
import dev.stratus.identity.service.InheritedGrants;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code GET /v3/role_assignments} with Keystone's filters, {@code effective} and {@code include_names}. */
@Path("/v3/role_assignments")
@Produces(MediaType.APPLICATION_JSON)
public class RoleAssignmentResource {

    private final Policy policy;
    private final ApiSettings api;
    private final EffectiveRoles effectiveRoles;

    public RoleAssignmentResource(Policy policy, ApiSettings api, EffectiveRoles effectiveRoles) {
        this.policy = policy;
        this.api = api;
        this.effectiveRoles = effectiveRoles;
    }

    /**
     * One row: a user or a group holds a role on a target; {@code inherited} rows hold it on the projects below
     * the target (OS-INHERIT), and are listed as such unless the listing is effective.
     */
    private record Row(String actorType, String actorId, String targetType, String targetId, String roleId,
            boolean inherited) {
        boolean isGroup() {
            return RoleAssignmentEntity.GROUP.equals(actorType);
        }
    }

    /** Names for {@code include_names}, loaded once per request. */
    private record Names(Map<String, UserEntity> users, Map<String, GroupEntity> groups,
            Map<String, ProjectEntity> projects, Map<String, DomainEntity> domains, Map<String, RoleEntity> roles) {
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("user.id") String userId,
            @QueryParam("group.id") String groupId,
            @QueryParam("scope.project.id") String projectId, @QueryParam("scope.domain.id") String domainId,
            @QueryParam("role.id") String roleId, @QueryParam("effective") String effective,
            @QueryParam("scope.OS-INHERIT:inherited_to") String inheritedTo,
            @QueryParam("scope.system") String system,
            @QueryParam("include_names") String includeNames, @Context UriInfo uri) {
        policy.enforce("identity:list_role_assignments", Policy.admin()
                .or(c -> userId != null && userId.equals(c.userId())));
        // Clients send these as bare flags (?effective), which arrive without a value.
        boolean expand = flag(uri, "effective");
        boolean names = flag(uri, "include_names");
        String base = PublicUrls.base(api, uri);
        return rows(expand)
                .map(all -> all.stream()
                        .filter(a -> projectId == null || (a.targetType().equals(RoleAssignmentEntity.PROJECT)
                                && a.targetId().equals(projectId)))
                        .filter(a -> domainId == null || (a.targetType().equals(RoleAssignmentEntity.DOMAIN)
                                && a.targetId().equals(domainId)))
                        .filter(a -> inheritedTo == null || a.inherited())
                        .filter(a -> system == null || a.targetType().equals(RoleAssignmentEntity.SYSTEM)).toList())
                .chain(rows -> expand ? withGroupMembers(rows).chain(this::withImplied) : Uni.createFrom().item(rows))
                .map(rows -> rows.stream()
                        .filter(r -> userId == null || (!r.isGroup() && r.actorId().equals(userId)))
                        .filter(r -> groupId == null || (r.isGroup() && r.actorId().equals(groupId)))
                        .filter(r -> roleId == null || r.roleId().equals(roleId)).toList())
                .chain(rows -> (names ? loadNames() : Uni.createFrom().item((Names) null))
                        .map(n -> Views.collection("role_assignments",
                                rows.stream().map(r -> render(r, n, base)).toList(),
                                uri.getRequestUri().toString())));
    }

    /**
     * Every direct grant, and every inherited one: as it is, or (effective) as one row per project it reaches.
     */
    private static Uni<List<Row>> rows(boolean effective) {
        return RoleAssignmentEntity.<RoleAssignmentEntity>listAll().chain(direct -> InheritedRoleAssignmentEntity
                .<InheritedRoleAssignmentEntity>listAll().chain(inherited -> (effective && !inherited.isEmpty()
                        ? ProjectEntity.<ProjectEntity>listAll() : Uni.createFrom().item(List.<ProjectEntity>of()))
                        .map(projects -> {
                            List<Row> rows = new ArrayList<>();
                            direct.forEach(a -> rows.add(new Row(a.actorType, a.actorId, a.targetType, a.targetId,
                                    a.roleId, false)));
                            for (InheritedRoleAssignmentEntity a : inherited) {
                                if (!effective) {
                                    rows.add(new Row(a.actorType, a.actorId, a.targetType, a.targetId, a.roleId, true));
                                    continue;
                                }
                                for (String project : InheritedGrants.projectsBelow(a.targetType, a.targetId,
                                        projects)) {
                                    Row row = new Row(a.actorType, a.actorId, RoleAssignmentEntity.PROJECT, project,
                                            a.roleId, false);
                                    if (!rows.contains(row)) {
                                        rows.add(row);
                                    }
                                }
                            }
                            return rows;
                        })));
    }

    private static boolean flag(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        if (values == null) {
            return false;
        }
        String value = values.isEmpty() ? "" : values.get(0);
        return !"false".equalsIgnoreCase(value) && !"0".equals(value);
    }

    /** Effective assignments name users only: a group's grant becomes one row per member. */
    private Uni<List<Row>> withGroupMembers(List<Row> rows) {
        return GroupMembershipEntity.<GroupMembershipEntity>listAll().map(memberships -> {
            Map<String, List<String>> members = memberships.stream().collect(Collectors.groupingBy(
                    m -> m.groupId, Collectors.mapping(m -> m.userId, Collectors.toList())));
            List<Row> out = new ArrayList<>();
            for (Row row : rows) {
                if (!row.isGroup()) {
                    out.add(row);
                    continue;
                }
                for (String user : members.getOrDefault(row.actorId(), List.of())) {
                    Row expanded = new Row(RoleAssignmentEntity.USER, user, row.targetType(), row.targetId(),
                            row.roleId(), row.inherited());
                    if (!out.contains(expanded)) {
                        out.add(expanded);
                    }
                }
            }
            return out;
        });
    }

    private Uni<List<Row>> withImplied(List<Row> rows) {
        Uni<List<Row>> result = Uni.createFrom().item(new ArrayList<>());
        for (Row row : rows) {
            result = result.chain(acc -> effectiveRoles.expand(List.of(row.roleId())).map(roles -> {
                // Domain-specific roles never reach tokens, so they are not effective; what they imply is.
                roles.stream().filter(role -> role.domainId == null).forEach(role -> {
                    Row expanded = new Row(row.actorType(), row.actorId(), row.targetType(), row.targetId(), role.id,
                            row.inherited());
                    if (!acc.contains(expanded)) {
                        acc.add(expanded);
                    }
                });
                return acc;
            }));
        }
        return result;
    }

    private Uni<Names> loadNames() {
        return UserEntity.<UserEntity>listAll().chain(users -> GroupEntity.<GroupEntity>listAll()
                .chain(groups -> ProjectEntity.<ProjectEntity>listAll()
                        .chain(projects -> DomainEntity.<DomainEntity>listAll()
                                .chain(domains -> RoleEntity.<RoleEntity>listAll()
                                        .map(roles -> new Names(byId(users, u -> u.id), byId(groups, g -> g.id),
                                                byId(projects, p -> p.id), byId(domains, d -> d.id),
                                                byId(roles, r -> r.id)))))));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    private static Map<String, Object> render(Row row, Names names, String base) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("id", row.roleId());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("id", row.actorId());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("id", row.targetId());
        if (names != null) {
            RoleEntity r = names.roles().get(row.roleId());
            role.put("name", r == null ? null : r.name);
            if (row.isGroup()) {
                GroupEntity g = names.groups().get(row.actorId());
                if (g != null) {
                    actor.put("name", g.name);
                    actor.put("domain", domainRef(names, g.domainId));
                }
            } else {
                UserEntity u = names.users().get(row.actorId());
                if (u != null) {
                    actor.put("name", u.name);
                    actor.put("domain", domainRef(names, u.domainId));
                }
            }
            if (row.targetType().equals(RoleAssignmentEntity.PROJECT)) {
                ProjectEntity p = names.projects().get(row.targetId());
                if (p != null) {
                    target.put("name", p.name);
                    target.put("domain", domainRef(names, p.domainId));
                }
            } else if (row.targetType().equals(RoleAssignmentEntity.DOMAIN)) {
                DomainEntity d = names.domains().get(row.targetId());
                target.put("name", d == null ? null : d.name);
            }
        }
        String targets = switch (row.targetType()) {
            case RoleAssignmentEntity.PROJECT -> "projects/" + row.targetId();
            case RoleAssignmentEntity.SYSTEM -> "system";
            default -> "domains/" + row.targetId();
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put(row.isGroup() ? "group" : "user", actor);
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put(row.targetType(), row.targetType().equals(RoleAssignmentEntity.SYSTEM) ? Map.of("all", true) : target);
        if (row.inherited()) {
            scope.put("OS-INHERIT:inherited_to", "projects");
        }
        m.put("scope", scope);
        m.put("links", Map.of("assignment", base + "/v3/" + (row.inherited() ? "OS-INHERIT/" : "") + targets
                + (row.isGroup() ? "/groups/" : "/users/") + row.actorId() + "/roles/"
                + row.roleId() + (row.inherited() ? "/inherited_to_projects" : "")));
        return m;
    }

    private static Map<String, Object> domainRef(Names names, String domainId) {
        DomainEntity d = names.domains().get(domainId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", domainId);
        m.put("name", d == null ? null : d.name);
        return m;
    }
}
