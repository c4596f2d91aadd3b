package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.CredentialEntity;
import dev.stratus.identity.service.Credentials;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v3/credentials}: a user's credential blobs by type. An admin manages everyone's; a user its own (and
 * lists only its own).
 */
@Path("/v3/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Credentials credentials;

    public CredentialResource(Policy policy, ApiSettings api, Credentials credentials) {
        this.policy = policy;
        this.api = api;
        this.credentials = credentials;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        JsonNode c = Bodies.member(body, "credential");
        String userId = Bodies.requiredText(c, "user_id");
        String type = Bodies.requiredText(c, "type");
        String blob = Bodies.requiredText(c, "blob");
        String projectId = Bodies.text(c, "project_id");
        AuthContext caller = policy.enforce("identity:create_credential", Policy.selfOrAdmin(userId));
        return credentials.create(caller, userId, projectId, type, blob)
                .map(created -> Creation.created("credential", view(created, PublicUrls.base(api, uri))));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("user_id") String userId, @QueryParam("type") String type,
            @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:list_credentials", c -> true);
        boolean admin = policy.allows(Policy.admin());
        String owner = admin ? userId : caller.userId();
        if (!admin && userId != null && !userId.equals(caller.userId())) {
            return Uni.createFrom().item(Views.collection("credentials", java.util.List.of(),
                    PublicUrls.base(api, uri) + "/v3/credentials"));
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (owner != null) {
            query.append(" and userId = :user");
            params.put("user", owner);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.put("type", type);
        }
        String base = PublicUrls.base(api, uri);
        return CredentialEntity.<CredentialEntity>list(query + " order by createdAt, id", params).map(rows ->
                Views.collection("credentials", rows.stream()
                        .filter(r -> caller.applicationCredentialId() == null
                                || java.util.Objects.equals(caller.projectId(), r.projectId))
                        .map(r -> view(credentials.clear(r), base)).toList(), base + "/v3/credentials"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:get_credential", c -> true);
        return credentials.find(caller, id, policy.allows(Policy.admin()))
                .map(c -> Map.of("credential", view(c, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:update_credential", c -> true);
        JsonNode changes = Bodies.member(body, "credential");
        boolean admin = policy.allows(Policy.admin());
        if (!admin && changes.has("user_id") && !caller.userId().equals(changes.get("user_id").asText())) {
            throw ApiException.forbidden("You are not authorized to perform the requested action:"
                    + " identity:update_credential.");
        }
        return credentials.find(caller, id, admin)
                .chain(current -> credentials.update(caller, current, changes))
                .map(c -> Map.of("credential", view(c, PublicUrls.base(api, uri))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        AuthContext caller = policy.enforce("identity:delete_credential", c -> true);
        return credentials.find(caller, id, policy.allows(Policy.admin()))
                .chain(c -> credentials.delete(id))
                .map(x -> Response.noContent().build());
    }

    static Map<String, Object> view(Credentials.Clear c, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.row().id);
        m.put("user_id", c.row().userId);
        m.put("project_id", c.row().projectId);
        m.put("type", c.row().type);
        m.put("blob", c.blob());
        m.put("links", Views.links(base + "/v3/credentials/" + c.row().id));
        return m;
    }
}
