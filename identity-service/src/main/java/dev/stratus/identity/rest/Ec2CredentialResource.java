package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.CredentialEntity;
import dev.stratus.identity.service.Credentials;
import dev.stratus.identity.service.Directory;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v3/users/{userId}/credentials/OS-EC2}: EC2-style access and secret keys of a user on a project, kept as
 * credentials of type {@code ec2} and named by their access key. The user or an admin manages them.
 */
@Path("/v3/users/{userId}/credentials/OS-EC2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Ec2CredentialResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final Credentials credentials;

    public Ec2CredentialResource(Policy policy, ApiSettings api, Directory directory, Credentials credentials) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.credentials = credentials;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@PathParam("userId") String userId, JsonNode body, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:ec2_create_credential", Policy.selfOrAdmin(userId));
        JsonNode tenant = body == null ? null : body.get("tenant_id");
        if (tenant == null || !tenant.isTextual() || tenant.asText().isBlank()) {
            throw ApiException.badRequest("Invalid input for field 'tenant_id': 'tenant_id' is a required property.");
        }
        return credentials.createEc2(caller, userId, tenant.asText())
                .map(c -> Creation.created("credential", view(c, PublicUrls.base(api, uri))));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("userId") String userId, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:ec2_list_credentials", Policy.selfOrAdmin(userId));
        String base = PublicUrls.base(api, uri);
        return directory.user(userId)
                .chain(() -> CredentialEntity.<CredentialEntity>list("userId = ?1 and type = ?2 order by createdAt, id",
                        userId, CredentialEntity.EC2))
                .map(rows -> Views.collection("credentials", rows.stream()
                        .filter(r -> caller.applicationCredentialId() == null
                                || java.util.Objects.equals(caller.projectId(), r.projectId))
                        .map(r -> view(credentials.clear(r), base)).toList(),
                        base + "/v3/users/" + userId + "/credentials/OS-EC2"));
    }

    @GET
    @Path("{access}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("userId") String userId, @PathParam("access") String access,
            @Context UriInfo uri) {
        AuthContext caller = policy.enforce("identity:ec2_get_credential", Policy.selfOrAdmin(userId));
        return find(caller, userId, access).map(c -> Map.of("credential", view(c, PublicUrls.base(api, uri))));
    }

    @DELETE
    @Path("{access}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("userId") String userId, @PathParam("access") String access) {
        AuthContext caller = policy.enforce("identity:ec2_delete_credential", Policy.selfOrAdmin(userId));
        return find(caller, userId, access)
                .chain(c -> credentials.delete(c.row().id))
                .map(x -> Response.noContent().build());
    }

    /** The user's EC2 credential with that access key; another user's or another type's is a 404 too. */
    private Uni<Credentials.Clear> find(AuthContext caller, String userId, String access) {
        String id = Credentials.ec2Id(access);
        return credentials.find(caller, id, true).invoke(c -> {
            if (!c.row().userId.equals(userId) || !CredentialEntity.EC2.equalsIgnoreCase(c.row().type)) {
                throw Credentials.notFound(access);
            }
        }).onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404
                ? Credentials.notFound(access) : e);
    }

    private static Map<String, Object> view(Credentials.Clear c, String base) {
        JsonNode blob;
        try {
            blob = JSON.readTree(c.blob());
        } catch (Exception e) {
            throw new IllegalStateException("credential " + c.row().id + " has an unreadable EC2 blob", e);
        }
        String access = blob.path("access").asText();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", c.row().userId);
        m.put("tenant_id", c.row().projectId);
        m.put("access", access);
        m.put("secret", blob.path("secret").asText(null));
        m.put("trust_id", blob.hasNonNull("trust_id") ? blob.get("trust_id").asText() : null);
        if (blob.hasNonNull("app_cred_id")) {
            m.put("app_cred_id", blob.get("app_cred_id").asText());
        }
        m.put("links", Views.links(base + "/v3/users/" + c.row().userId + "/credentials/OS-EC2/" + access));
        return m;
    }
}
