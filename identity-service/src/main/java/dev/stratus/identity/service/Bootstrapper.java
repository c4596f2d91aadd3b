package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.auth.DefaultRoles;
import dev.stratus.identity.config.IdentitySettings;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ImpliedRoleEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RegionEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.ServiceEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates, at start-up and idempotently, what every cloud needs (the default domain, Keystone's default
 * roles and their implications, the catalog region) and whatever the bootstrap file asks for.
 */
@ApplicationScoped
public class Bootstrapper {

    private static final Logger LOG = Logger.getLogger(Bootstrapper.class);
    public static final String DEFAULT_DOMAIN = "default";

    private final IdentitySettings settings;
    private final PasswordHasher hasher;
    private final Catalog catalog;
    private final ObjectMapper json;

    public Bootstrapper(IdentitySettings settings, PasswordHasher hasher, Catalog catalog, ObjectMapper json) {
        this.settings = settings;
        this.hasher = hasher;
        this.catalog = catalog;
        this.json = json;
    }

    void onStart(@Observes @Priority(5) StartupEvent event) throws Throwable {
        BootstrapPlan plan = readPlan();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> apply(plan)));
        catalog.invalidate();
    }

    private BootstrapPlan readPlan() throws IOException {
        if (settings.bootstrapFile().isEmpty()) {
            return new BootstrapPlan(null, null, null, null, null);
        }
        Path file = Path.of(settings.bootstrapFile().get());
        LOG.infof("Applying bootstrap file %s", file);
        return json.readValue(Files.readString(file), BootstrapPlan.class);
    }

    Uni<Void> apply(BootstrapPlan plan) {
        String region = plan.region() != null ? plan.region() : settings.region();
        Uni<Void> work = Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(4242)").getSingleResult())
                .chain(() -> ensureDomain())
                .chain(() -> ensureDefaultRoles())
                .chain(() -> ensureRegion(region));
        for (BootstrapPlan.Project p : plan.projectsOrEmpty()) {
            work = work.chain(() -> ensureProject(p));
        }
        BootstrapUserOptions options = new BootstrapUserOptions(plan);
        for (BootstrapPlan.User u : plan.usersOrEmpty()) {
            work = work.chain(() -> ensureUser(u, options));
        }
        for (BootstrapPlan.Assignment a : plan.assignmentsOrEmpty()) {
            work = work.chain(() -> ensureAssignment(a));
        }
        for (BootstrapPlan.Service s : plan.servicesOrEmpty()) {
            work = work.chain(() -> ensureService(s, region));
        }
        return work;
    }

    private Uni<Void> ensureDomain() {
        return DomainEntity.findById(DEFAULT_DOMAIN).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            DomainEntity d = new DomainEntity();
            d.id = DEFAULT_DOMAIN;
            d.name = "Default";
            d.description = "The default domain";
            return d.persist().replaceWithVoid();
        });
    }

    private Uni<Void> ensureDefaultRoles() {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (String name : List.of(DefaultRoles.ADMIN, DefaultRoles.MEMBER, DefaultRoles.READER, DefaultRoles.SERVICE)) {
            work = work.chain(() -> role(name)).replaceWithVoid();
        }
        return work.chain(() -> imply(DefaultRoles.ADMIN, DefaultRoles.MEMBER))
                .chain(() -> imply(DefaultRoles.MEMBER, DefaultRoles.READER));
    }

    private Uni<RoleEntity> role(String name) {
        return RoleEntity.<RoleEntity>find("name = ?1 and domainId is null", name).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            RoleEntity r = new RoleEntity();
            r.id = Ids.newId();
            r.name = name;
            return r.persist();
        });
    }

    private Uni<Void> imply(String prior, String implied) {
        return role(prior).chain(p -> role(implied).chain(i -> ImpliedRoleEntity
                .findById(new ImpliedRoleEntity.Key(p.id, i.id))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    ImpliedRoleEntity rule = new ImpliedRoleEntity();
                    rule.priorRoleId = p.id;
                    rule.impliedRoleId = i.id;
                    return rule.persist().replaceWithVoid();
                })));
    }

    private Uni<Void> ensureRegion(String region) {
        return RegionEntity.findById(region).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            RegionEntity r = new RegionEntity();
            r.id = region;
            r.description = "";
            return r.persist().replaceWithVoid();
        });
    }

    private Uni<ProjectEntity> findProject(String name, String domain) {
        return ProjectEntity.find("domainId = ?1 and name = ?2", domainOf(domain), name).firstResult();
    }

    private Uni<Void> ensureProject(BootstrapPlan.Project plan) {
        return findProject(plan.name(), plan.domain()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ProjectEntity p = new ProjectEntity();
            p.id = Ids.newId();
            p.name = plan.name();
            p.domainId = domainOf(plan.domain());
            p.description = plan.description() != null ? plan.description() : "Bootstrap project " + plan.name();
            LOG.infof("Bootstrap: created project %s", p.name);
            return p.persist().replaceWithVoid();
        });
    }

    private Uni<Void> ensureUser(BootstrapPlan.User plan, BootstrapUserOptions options) {
        return UserEntity.<UserEntity>find("domainId = ?1 and name = ?2", domainOf(plan.domain()), plan.name())
                .firstResult().chain(existing -> {
                    if (existing != null) {
                        String updated = options.apply(UserOptions.of(existing), plan, existing.domainId).toColumn();
                        if (!java.util.Objects.equals(updated, existing.options)) {
                            existing.options = updated;
                            LOG.infof("Bootstrap: user %s has the options %s", existing.name, updated);
                        }
                        return alignPassword(existing, plan.password());
                    }
                    Uni<String> defaultProject = plan.defaultProject() == null ? Uni.createFrom().nullItem()
                            : findProject(plan.defaultProject(), plan.domain()).map(p -> p == null ? null : p.id);
                    return defaultProject.chain(projectId -> hasher.hash(plan.password()).chain(hash -> {
                        UserEntity u = new UserEntity();
                        u.id = Ids.newId();
                        u.name = plan.name();
                        u.domainId = domainOf(plan.domain());
                        u.passwordHash = hash;
                        u.passwordChangedAt = Instant.now();
                        u.defaultProjectId = projectId;
                        u.email = plan.email();
                        u.options = options.apply(UserOptions.none(), plan, u.domainId).toColumn();
                        LOG.infof("Bootstrap: created user %s", u.name);
                        return u.persist().replaceWithVoid();
                    }));
                });
    }

    /**
     * The bootstrap file is the source of truth for its users' passwords (as keystone-manage bootstrap
     * is for admin's): a lost or regenerated credentials file must not lock the operator out.
     */
    private Uni<Void> alignPassword(UserEntity user, String password) {
        if (password == null) {
            return Uni.createFrom().voidItem();
        }
        return hasher.matches(password, user.passwordHash).chain(same -> {
            if (same) {
                return Uni.createFrom().voidItem();
            }
            return hasher.hash(password).invoke(hash -> {
                user.passwordHash = hash;
                user.passwordChangedAt = Instant.now();
                // Outside [security_compliance], as keystone-manage bootstrap: it neither expires nor stays locked.
                user.passwordExpiresAt = null;
                user.passwordSelfService = false;
                PasswordAuthentication.unlock(user);
                LOG.infof("Bootstrap: reset the password of user %s to the bootstrap file's", user.name);
            }).replaceWithVoid();
        });
    }

    private Uni<Void> ensureAssignment(BootstrapPlan.Assignment plan) {
        return UserEntity.<UserEntity>find("domainId = ?1 and name = ?2", DEFAULT_DOMAIN, plan.user()).firstResult()
                .chain(user -> findProject(plan.project(), null).chain(project -> role(plan.role()).chain(role -> {
                    if (user == null || project == null) {
                        LOG.warnf("Bootstrap: cannot grant %s to %s on %s: unknown user or project",
                                plan.role(), plan.user(), plan.project());
                        return Uni.createFrom().voidItem();
                    }
                    var key = new RoleAssignmentEntity.Key(user.id, RoleAssignmentEntity.PROJECT, project.id, role.id);
                    return RoleAssignmentEntity.findById(key).chain(existing -> existing != null
                            ? Uni.createFrom().voidItem()
                            : RoleAssignmentEntity.of(user.id, RoleAssignmentEntity.PROJECT, project.id, role.id)
                                    .persist().replaceWithVoid());
                })));
    }

    private Uni<Void> ensureService(BootstrapPlan.Service plan, String region) {
        return ServiceEntity.<ServiceEntity>find("type = ?1 and name = ?2", plan.type(), plan.name()).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    ServiceEntity s = new ServiceEntity();
                    s.id = Ids.newId();
                    s.type = plan.type();
                    s.name = plan.name();
                    s.description = plan.description();
                    LOG.infof("Bootstrap: registered %s service %s", s.type, s.name);
                    return s.<ServiceEntity>persist();
                })
                .chain(service -> {
                    Uni<Void> work = Uni.createFrom().voidItem();
                    Map<String, String> endpoints = plan.endpoints() == null ? Map.of() : plan.endpoints();
                    for (Map.Entry<String, String> e : endpoints.entrySet()) {
                        work = work.chain(() -> ensureEndpoint(service.id, e.getKey(), e.getValue(), region));
                    }
                    return work;
                });
    }

    private Uni<Void> ensureEndpoint(String serviceId, String iface, String url, String region) {
        return EndpointEntity.<EndpointEntity>find("serviceId = ?1 and iface = ?2 and regionId = ?3",
                serviceId, iface, region).firstResult().chain(existing -> {
                    if (existing != null) {
                        existing.url = url;
                        return Uni.createFrom().voidItem();
                    }
                    EndpointEntity e = new EndpointEntity();
                    e.id = Ids.newId();
                    e.serviceId = serviceId;
                    e.iface = iface;
                    e.regionId = region;
                    e.url = url;
                    return e.persist().replaceWithVoid();
                });
    }

    private static String domainOf(String domain) {
        return domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain;
    }
}
