package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ApplicationCredentialEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.service.AccessRules;
import dev.stratus.identity.service.ApplicationCredentials;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.EffectiveRoles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v3/users/{userId}/application_credentials}: a user delegates some of its roles on the project of its
 * token to a secret. Only the user creates them; the user or an admin lists, shows and deletes them.
 */
@Path("/v3/users/{userId}/application_credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationCredentialResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final EffectiveRoles effectiveRoles;
    private final ApplicationCredentials credentials;
    private final AccessRules accessRules;

    public ApplicationCredentialResource(Policy policy, ApiSettings api, Directory directory,
            EffectiveRoles effectiveRoles, ApplicationCredentials credentials, AccessRules accessRules) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.effectiveRoles = effectiveRoles;
        this.credentials = credentials;
        this.accessRules = accessRules;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@PathParam("userId") String userId, JsonNode body, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:create_application_credential",
                c -> c.userId().equals(userId));
        ApplicationCredentialBody request = ApplicationCredentialBody.parse(body);
        if (!caller.isProjectScoped()) {
            throw ApiException.badRequest("Invalid application credential: an application credential is created"
                    + " with a project-scoped token, for that project.");
        }
        String secret = request.secret() != null ? request.secret() : ApplicationCredentials.newSecret();
        ApplicationCredentialEntity credential = new ApplicationCredentialEntity();
        credential.id = Ids.newId();
        credential.name = request.name();
        credential.description = request.description();
        credential.userId = userId;
        credential.projectId = caller.projectId();
        credential.unrestricted = request.unrestricted();
        credential.expiresAt = request.expiresAt();
        return ApplicationCredentials.requireUnrestricted(caller, "application credentials")
                .chain(() -> delegatedRoles(caller, request.roles()))
                .invoke(roles -> credential.roles(roles.stream().map(r -> r.id).toList()))
                .chain(roles -> credentials.hash(secret).invoke(hash -> credential.secretHash = hash)
                        .chain(() -> Creation.persistUnlessTaken(ApplicationCredentialEntity.count(
                                "userId = ?1 and name = ?2", userId, request.name()), credential,
                                "application_credential", request.name()))
                        .chain(saved -> accessRules.resolve(userId, request.accessRules())
                                .call(rules -> accessRules.link(saved, rules))
                                .map(rules -> {
                                    Map<String, Object> view = ApplicationCredentialView.render(saved, roles, rules,
                                            PublicUrls.base(api, uri));
                                    view.put("secret", secret);
                                    return Creation.created("application_credential", view);
                                })));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("userId") String userId, @QueryParam("name") String name,
            @Context UriInfo uri) {
        policy.enforce("identity:list_application_credentials", Policy.selfOrAdmin(userId));
        String base = PublicUrls.base(api, uri);
        Uni<List<ApplicationCredentialEntity>> rows = name == null
                ? ApplicationCredentialEntity.ofUser(userId)
                : ApplicationCredentialEntity.list("userId = ?1 and name = ?2", userId, name);
        return directory.user(userId).chain(() -> rows).chain(list -> rolesOf(list).chain(roles -> accessRules
                .ofCredentials(list.stream().map(c -> c.id).toList()).map(rules -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (ApplicationCredentialEntity c : list) {
                items.add(ApplicationCredentialView.render(c, roles, rules.getOrDefault(c.id, List.of()), base));
            }
            return Views.collection("application_credentials", items,
                    base + "/v3/users/" + userId + "/application_credentials");
        })));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("userId") String userId, @PathParam("id") String id,
            @Context UriInfo uri) {
        policy.enforce("identity:get_application_credential", Policy.selfOrAdmin(userId));
        return find(userId, id).chain(c -> rolesOf(List.of(c)).chain(roles -> accessRules.ofCredentials(List.of(c.id))
                .map(rules -> Map.of("application_credential", ApplicationCredentialView.render(c, roles,
                        rules.getOrDefault(c.id, List.of()), PublicUrls.base(api, uri))))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("userId") String userId, @PathParam("id") String id) {
        AuthContext caller = policy.enforce("identity:delete_application_credential", Policy.selfOrAdmin(userId));
        return ApplicationCredentials.requireUnrestricted(caller, "application credentials")
                .chain(() -> find(userId, id))
                .call(credentials::delete)
                .map(x -> Response.noContent().build());
    }

    private Uni<ApplicationCredentialEntity> find(String userId, String id) {
        return ApplicationCredentialEntity.<ApplicationCredentialEntity>find("id = ?1 and userId = ?2", id, userId)
                .firstResult().onItem().ifNull().failWith(() -> ApplicationCredentials.notFound(id));
    }

    /**
     * The requested roles and those they imply, all held by the caller on the project; every role it holds there
     * when none were requested. The user's roles are read now (a role granted after the token was issued counts),
     * but a token issued for another credential delegates no more than its own roles.
     */
    private Uni<List<RoleEntity>> delegatedRoles(AuthContext caller, List<ApplicationCredentialBody.RoleRef> refs) {
        return effectiveRoles.of(caller.userId(), RoleAssignmentEntity.PROJECT, caller.projectId())
                .map(held -> held.stream().filter(r -> r.domainId == null)
                        .filter(r -> caller.applicationCredentialId() == null || caller.roles().contains(r.name))
                        .toList())
                .chain(held -> refs.isEmpty() ? Uni.createFrom().item(held) : requested(refs).invoke(roles -> {
                    List<String> heldIds = held.stream().map(r -> r.id).toList();
                    for (RoleEntity role : roles) {
                        if (!heldIds.contains(role.id)) {
                            throw ApiException.badRequest("Invalid application credential: Cannot create an"
                                    + " application credential with unassigned role");
                        }
                    }
                }));
    }

    private Uni<List<RoleEntity>> requested(List<ApplicationCredentialBody.RoleRef> refs) {
        Uni<List<String>> ids = Uni.createFrom().item(new ArrayList<>());
        for (ApplicationCredentialBody.RoleRef ref : refs) {
            ids = ids.call(list -> (ref.id() != null ? directory.role(ref.id())
                    : RoleEntity.<RoleEntity>find("name = ?1 and domainId is null", ref.name()).firstResult()
                            .onItem().ifNull().failWith(() -> ApiException.notFound(
                                    "Could not find role: " + ref.name() + ".")))
                    .invoke(role -> list.add(role.id)));
        }
        return ids.chain(effectiveRoles::expand);
    }

    private static Uni<Map<String, RoleEntity>> rolesOf(List<ApplicationCredentialEntity> list) {
        List<String> ids = list.stream().flatMap(c -> c.roles().stream()).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return RoleEntity.<RoleEntity>list("id in ?1", ids).map(roles -> {
            Map<String, RoleEntity> byId = new java.util.HashMap<>();
            roles.forEach(r -> byId.put(r.id, r));
            return byId;
        });
    }
}
