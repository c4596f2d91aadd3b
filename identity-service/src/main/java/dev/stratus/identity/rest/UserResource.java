package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.UserEntity;
import dev.stratus.identity.service.ApplicationCredentials;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.PasswordAuthentication;
import dev.stratus.identity.service.PasswordRules;
import dev.stratus.identity.service.Revocations;
import dev.stratus.identity.service.Trusts;
import dev.stratus.identity.service.UserOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.Map;

@Path("/v3/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    /** Attributes the model holds; anything else a client sends is kept as an extra attribute. */
    static final java.util.Set<String> MODELLED = java.util.Set.of("id", "name", "domain_id", "enabled", "password",
            "email", "description", "default_project_id", "options", "links", "password_expires_at");

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final PasswordRules passwordRules;
    private final PasswordAuthentication passwords;
    private final Revocations revocations;
    private final ApplicationCredentials credentials;
    private final Trusts trusts;

    public UserResource(Policy policy, ApiSettings api, Directory directory, PasswordRules passwordRules,
            PasswordAuthentication passwords, Revocations revocations, ApplicationCredentials credentials,
            Trusts trusts) {
        this.trusts = trusts;
        this.credentials = credentials;
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.passwordRules = passwordRules;
        this.passwords = passwords;
        this.revocations = revocations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @QueryParam("domain_id") String domainId,
            @QueryParam("enabled") String enabled, @Context UriInfo uri) {
        policy.enforce("identity:list_users", Policy.admin());
        Boolean enabledFilter = Bodies.enabledFilter(enabled);
        String base = PublicUrls.base(api, uri);
        return UserEntity.<UserEntity>listAll().map(all -> Views.collection("users", all.stream()
                .filter(u -> name == null || u.name.equals(name))
                .filter(u -> domainId == null || u.domainId.equals(domainId))
                .filter(u -> enabledFilter == null || u.enabled == enabledFilter)
                .sorted(Comparator.comparing(u -> u.name))
                .map(u -> Views.user(u, base)).toList(), base + "/v3/users"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_user", Policy.selfOrAdmin(id));
        return directory.user(id).map(u -> Map.of("user", Views.user(u, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_user", Policy.admin());
        JsonNode u = Bodies.member(body, "user");
        UserEntity user = new UserEntity();
        user.id = Ids.newId();
        user.name = Bodies.requiredName(u, 255);
        user.enabled = !Boolean.FALSE.equals(Bodies.bool(u, "enabled"));
        user.email = Bodies.text(u, "email");
        user.description = Bodies.text(u, "description");
        user.defaultProjectId = Bodies.text(u, "default_project_id");
        user.extra = JsonColumns.mergeExtra(null, u, MODELLED);
        user.options = requestedOptions(UserOptions.none(), u).toColumn();
        String domainId = Bodies.text(u, "domain_id");
        String password = Bodies.text(u, "password");
        if (password != null) {
            passwordRules.requireAcceptable(password);
        }
        String domain = domainId != null ? domainId
                : policy.caller().projectDomainId() != null ? policy.caller().projectDomainId() : "default";
        return directory.domain(domain)
                .chain(d -> {
                    user.domainId = d.id;
                    return UserEntity.count("domainId = ?1 and name = ?2", d.id, user.name);
                })
                .invoke(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store user - Duplicate entry"
                                + " found with name " + user.name + " at domain ID " + user.domainId + ".");
                    }
                })
                .chain(n -> checkDefaultProject(user.defaultProjectId))
                .chain(() -> password == null ? Uni.createFrom().voidItem()
                        : passwordRules.set(user, password, false))
                .chain(() -> user.<UserEntity>persist())
                .map(saved -> Response.status(201)
                        .entity(Map.of("user", Views.user(saved, PublicUrls.base(api, uri)))).build());
    }

    /** The options with the request's {@code options} applied (set, or removed by a null), checked as Keystone. */
    private static UserOptions requestedOptions(UserOptions current, JsonNode u) {
        return Bodies.has(u, "options") ? current.with(u.get("options"), "user/options") : current;
    }

    private Uni<Void> checkDefaultProject(String projectId) {
        if (projectId == null) {
            return Uni.createFrom().voidItem();
        }
        return ProjectEntity.findById(projectId).invoke(p -> {
            if (p == null) {
                throw ApiException.notFound("Could not find project: " + projectId + ".");
            }
        }).replaceWithVoid();
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_user", Policy.admin());
        JsonNode u = Bodies.member(body, "user");
        if (Bodies.has(u, "options")) {
            UserOptions.none().with(u.get("options"), "user/options");
        }
        String password = Bodies.text(u, "password");
        if (password != null) {
            passwordRules.requireAcceptable(password);
        }
        return directory.user(id).chain(user -> {
            if (Bodies.has(u, "domain_id") && !user.domainId.equals(Bodies.text(u, "domain_id"))) {
                throw ApiException.badRequest("Update of `domain_id` is not allowed.");
            }
            String newName = Bodies.has(u, "name") ? Bodies.requiredName(u, 255) : user.name;
            Uni<Long> clash = newName.equals(user.name) ? Uni.createFrom().item(0L)
                    : UserEntity.count("domainId = ?1 and name = ?2", user.domainId, newName);
            return clash.invoke(n -> {
                if (n > 0) {
                    throw ApiException.conflict("Conflict occurred attempting to store user - Duplicate entry"
                            + " found with name " + newName + " at domain ID " + user.domainId + ".");
                }
            }).chain(n -> Bodies.has(u, "default_project_id")
                    ? checkDefaultProject(Bodies.text(u, "default_project_id")) : Uni.createFrom().voidItem())
                    .chain(() -> applyUpdate(user, u, newName))
                    .map(x -> Map.<String, Object>of("user", Views.user(user, PublicUrls.base(api, uri))));
        });
    }

    private Uni<Void> applyUpdate(UserEntity user, JsonNode u, String newName) {
        user.name = newName;
        user.extra = JsonColumns.mergeExtra(user.extra, u, MODELLED);
        // Before the password: a password set in the same request follows the new options (expiry).
        user.options = requestedOptions(UserOptions.of(user), u).toColumn();
        if (Bodies.has(u, "email")) {
            user.email = Bodies.text(u, "email");
        }
        if (Bodies.has(u, "description")) {
            user.description = Bodies.text(u, "description");
        }
        if (Bodies.has(u, "default_project_id")) {
            user.defaultProjectId = Bodies.text(u, "default_project_id");
        }
        Boolean enabled = Bodies.bool(u, "enabled");
        boolean disabling = Boolean.FALSE.equals(enabled) && user.enabled;
        boolean revoke = disabling;
        if (enabled != null) {
            user.enabled = enabled;
        }
        if (Boolean.TRUE.equals(enabled)) {
            PasswordAuthentication.unlock(user);
        }
        String password = Bodies.text(u, "password");
        Uni<Void> passwordChange = Uni.createFrom().voidItem();
        if (password != null) {
            // An administrator's reset: neither the history nor the minimum age applies, as in Keystone.
            revoke = true;
            passwordChange = passwordRules.set(user, password, false);
        }
        boolean revokeTokens = revoke;
        return passwordChange
                .chain(() -> disabling ? credentials.deleteOfUser(user.id) : Uni.createFrom().voidItem())
                .chain(() -> revokeTokens
                ? revocations.revoke(RevocationEvent.ofUser(user.id)) : Uni.createFrom().voidItem());
    }

    /**
     * A user changes their own password, proving the original one; their existing tokens are revoked.
     * As in Keystone, no token is needed (a user whose password expired must still be able to change it):
     * the original password is the proof, checked as a password authentication (lockout included), and the new
     * one must pass the strength rule, then {@code lock_password} (which refuses every self-service change), the
     * minimum age and the history rules. The proof runs outside the change's transaction
     * so that a failed attempt is counted.
     */
    @POST
    @Path("{id}/password")
    @dev.stratus.common.auth.PublicEndpoint
    @WithSession
    public Uni<Response> changePassword(@PathParam("id") String id, JsonNode body) {
        JsonNode u = Bodies.member(body, "user");
        String original = Bodies.text(u, "original_password");
        String password = Bodies.text(u, "password");
        if (original == null || password == null) {
            throw Bodies.invalid(original == null ? "original_password" : "password", "is required");
        }
        return directory.user(id)
                .chain(user -> passwords.authenticate(user, original, true))
                .invoke(user -> passwordRules.requireAcceptable(password))
                .call(user -> passwordRules.requireChangeableBySelf(user, password))
                .chain(user -> Panache.withTransaction(() -> passwordRules.set(user, password, true)
                        .chain(() -> revocations.revoke(RevocationEvent.ofUser(id)))))
                .map(x -> Response.noContent().build());
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_user", Policy.admin());
        return directory.user(id)
                .call(user -> RoleAssignmentEntity.delete("actorId", id))
                .call(user -> InheritedRoleAssignmentEntity.delete("actorId", id))
                .call(user -> trusts.deleteOfUser(id))
                .call(user -> Directory.requireDeleted(UserEntity.delete("id", id), "user", id))
                .call(user -> revocations.revoke(RevocationEvent.ofUser(id)))
                .map(x -> Response.noContent().build());
    }

    /** The projects a user holds a role on. */
    @GET
    @Path("{id}/projects")
    @WithSession
    public Uni<Map<String, Object>> projects(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:list_user_projects", Policy.selfOrAdmin(id));
        String base = PublicUrls.base(api, uri);
        return directory.user(id).chain(user -> ProjectsOfUser.list(id)).map(projects -> Views.collection(
                "projects", projects.stream().map(p -> Views.project(p, base)).toList(),
                base + "/v3/users/" + id + "/projects"));
    }

    /** The groups a user belongs to. */
    @GET
    @Path("{id}/groups")
    @WithSession
    public Uni<Map<String, Object>> groups(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:list_groups_for_user", Policy.selfOrAdmin(id));
        String base = PublicUrls.base(api, uri);
        return directory.user(id).chain(user -> dev.stratus.identity.persistence.GroupMembershipEntity.groupsOf(id))
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(java.util.List.<dev.stratus.identity.persistence.GroupEntity>of())
                        : dev.stratus.identity.persistence.GroupEntity.<dev.stratus.identity.persistence.GroupEntity>list(
                                "id in ?1", ids))
                .map(groups -> Views.collection("groups", groups.stream().map(g -> Views.group(g, base)).toList(),
                        base + "/v3/users/" + id + "/groups"));
    }
}
