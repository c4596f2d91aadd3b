package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Creates, changes and deletes domains, with Keystone's rules: the one place for both {@code /v3/domains} and
 * {@code /v3/projects} with projects acting as domains ({@code is_domain}), which in Keystone are the same rows.
 * Callers run it in a transaction and check the policy.
 */
@ApplicationScoped
public class Domains {

    /** What a domain update changes: a null field is left as it is. */
    public record Change(String name, boolean descriptionGiven, String description, Boolean enabled) {
    }

    private final Revocations revocations;

    public Domains(Revocations revocations) {
        this.revocations = revocations;
    }

    /** A new domain; 409 when another domain has the name. */
    public Uni<DomainEntity> create(String name, String description, boolean enabled) {
        DomainEntity domain = new DomainEntity();
        domain.id = Ids.newId();
        domain.name = name;
        domain.description = description;
        domain.enabled = enabled;
        return DomainEntity.count("name", name).chain(n -> n > 0
                ? Uni.createFrom().failure(nameTaken(name))
                : domain.<DomainEntity>persist());
    }

    /**
     * Applies the change to the (managed) domain; 409 when the new name is another domain's. Disabling it revokes,
     * as Keystone's domain-disable callback does, the tokens of its users and those scoped to it or its projects.
     */
    public Uni<DomainEntity> update(DomainEntity domain, Change change) {
        boolean disabling = Boolean.FALSE.equals(change.enabled()) && domain.enabled;
        return apply(domain, change).call(updated -> disabling
                ? revocations.revoke(RevocationEvent.ofDomain(updated.id)) : Uni.createFrom().voidItem());
    }

    private Uni<DomainEntity> apply(DomainEntity domain, Change change) {
        boolean renamed = change.name() != null && !change.name().equals(domain.name);
        Uni<Long> clash = renamed ? DomainEntity.count("name = ?1 and id <> ?2", change.name(), domain.id)
                : Uni.createFrom().item(0L);
        return clash.chain(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(nameTaken(change.name()));
            }
            if (change.name() != null) {
                domain.name = change.name();
            }
            if (change.descriptionGiven()) {
                domain.description = change.description();
            }
            if (change.enabled() != null) {
                domain.enabled = change.enabled();
            }
            return Uni.createFrom().item(domain);
        });
    }

    /**
     * Deletes a disabled domain and, as Keystone, everything it owns: its projects (with their grants), users,
     * groups, domain roles, grants on it and its configuration. An enabled domain is a 403.
     */
    public Uni<Void> delete(DomainEntity domain) {
        String id = domain.id;
        if (domain.enabled) {
            return Uni.createFrom().failure(ApiException.forbidden(
                    "Cannot delete a domain that is enabled, please disable it first."));
        }
        return ProjectEntity.<ProjectEntity>list("domainId", id)
                .call(projects -> RoleAssignmentEntity.delete("targetType = ?1 and targetId in ?2",
                        RoleAssignmentEntity.PROJECT, ids(projects.stream().map(p -> p.id).toList())))
                .call(projects -> InheritedRoleAssignmentEntity.delete("targetType = ?1 and targetId in ?2",
                        RoleAssignmentEntity.PROJECT, ids(projects.stream().map(p -> p.id).toList())))
                .call(projects -> revocations.revokeAll(projects.stream()
                        .map(p -> RevocationEvent.ofProject(p.id)).toList()))
                .call(() -> ProjectEntity.update("parentId = null where domainId = ?1", id))
                .call(() -> ProjectEntity.delete("domainId", id))
                .chain(() -> UserEntity.<UserEntity>list("domainId", id))
                .call(users -> RoleAssignmentEntity.delete("actorId in ?1",
                        ids(users.stream().map(u -> u.id).toList())))
                .call(users -> InheritedRoleAssignmentEntity.delete("actorId in ?1",
                        ids(users.stream().map(u -> u.id).toList())))
                .call(users -> revocations.revokeAll(users.stream().map(u -> RevocationEvent.ofUser(u.id)).toList()))
                .call(() -> UserEntity.delete("domainId", id))
                .chain(() -> GroupEntity.<GroupEntity>list("domainId", id))
                .call(groups -> RoleAssignmentEntity.delete("actorId in ?1",
                        ids(groups.stream().map(g -> g.id).toList())))
                .call(groups -> InheritedRoleAssignmentEntity.delete("actorId in ?1",
                        ids(groups.stream().map(g -> g.id).toList())))
                .call(() -> GroupEntity.delete("domainId", id))
                .call(() -> RoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                        RoleAssignmentEntity.DOMAIN, id))
                .call(() -> InheritedRoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                        RoleAssignmentEntity.DOMAIN, id))
                .call(() -> RoleEntity.delete("domainId", id))
                // Its domain-specific configuration goes with the row (on delete cascade).
                .chain(() -> Directory.requireDeleted(DomainEntity.delete("id", id), "domain", id));
    }

    /** Keystone's conflict for a domain name in use, the same through the domains and the projects API. */
    private static ApiException nameTaken(String name) {
        return ApiException.conflict("Conflict occurred attempting to store project - it is not permitted to have"
                + " two projects acting as domains with the same name: " + name + ".");
    }

    /** A list usable in {@code in ?1}: never empty (an impossible id stands in). */
    private static List<String> ids(List<String> ids) {
        return ids.isEmpty() ? List.of("") : ids;
    }
}
