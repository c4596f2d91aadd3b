package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.EndpointGroupEntity;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds domains, projects, users, groups and roles by id or by name, and endpoints and endpoint groups by id, with
 * Keystone's 404 messages.
 */
@ApplicationScoped
public class Directory {

    public Uni<DomainEntity> domain(String id) {
        return DomainEntity.<DomainEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("domain", id));
    }

    /** Null when no such domain. */
    public Uni<DomainEntity> findDomain(String id, String name) {
        return id != null ? DomainEntity.findById(id) : DomainEntity.find("name", name).firstResult();
    }

    public Uni<ProjectEntity> project(String id) {
        return ProjectEntity.<ProjectEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("project", id));
    }

    /** A project, or a domain where the projects API names one (Keystone's project acting as a domain). */
    public record ProjectOrDomain(ProjectEntity project, DomainEntity domain) {
        public boolean isDomain() {
            return domain != null;
        }
    }

    /** The project with this id, else the domain with it; Keystone's project 404 when neither. */
    public Uni<ProjectOrDomain> projectOrDomain(String id) {
        return ProjectEntity.<ProjectEntity>findById(id).chain(project -> project != null
                ? Uni.createFrom().item(new ProjectOrDomain(project, null))
                : DomainEntity.<DomainEntity>findById(id).onItem().ifNull().failWith(() -> notFound("project", id))
                        .map(domain -> new ProjectOrDomain(null, domain)));
    }

    public Uni<UserEntity> user(String id) {
        return UserEntity.<UserEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("user", id));
    }

    public Uni<GroupEntity> group(String id) {
        return GroupEntity.<GroupEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("group", id));
    }

    public Uni<RoleEntity> role(String id) {
        return RoleEntity.<RoleEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("role", id));
    }

    public Uni<EndpointEntity> endpoint(String id) {
        return EndpointEntity.<EndpointEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("endpoint", id));
    }

    public Uni<EndpointGroupEntity> endpointGroup(String id) {
        return EndpointGroupEntity.<EndpointGroupEntity>findById(id).onItem().ifNull()
                .failWith(() -> notFound("Endpoint Group", id));
    }

    /**
     * The answer to a delete whose row another request deleted first (the query removed no row): Keystone's 404,
     * as if this request had come second.
     */
    public static Uni<Void> requireDeleted(Uni<Long> rows, String kind, String id) {
        return requireDeleted(rows, () -> notFound(kind, id));
    }

    public static Uni<Void> requireDeleted(Uni<Long> rows, java.util.function.Supplier<ApiException> missing) {
        return rows.invoke(n -> {
            if (n == 0) {
                throw missing.get();
            }
        }).replaceWithVoid();
    }

    private static ApiException notFound(String kind, String id) {
        return ApiException.notFound("Could not find " + kind + ": " + id + ".");
    }

    /** Null when not found. */
    public Uni<UserEntity> findUser(AuthRequest.NamedRef ref) {
        if (ref.id() != null) {
            return UserEntity.findById(ref.id());
        }
        return findDomain(ref.domainId(), ref.domainName()).chain(domain -> domain == null
                ? Uni.createFrom().nullItem()
                : UserEntity.find("domainId = ?1 and name = ?2", domain.id, ref.name()).firstResult());
    }

    /** Null when not found. */
    public Uni<ProjectEntity> findProject(AuthRequest.NamedRef ref) {
        if (ref.id() != null) {
            return ProjectEntity.findById(ref.id());
        }
        return findDomain(ref.domainId(), ref.domainName()).chain(domain -> domain == null
                ? Uni.createFrom().nullItem()
                : ProjectEntity.find("domainId = ?1 and name = ?2", domain.id, ref.name()).firstResult());
    }
}
