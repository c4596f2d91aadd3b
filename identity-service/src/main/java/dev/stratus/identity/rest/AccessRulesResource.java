package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.service.AccessRules;
import dev.stratus.identity.service.Directory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * {@code /v3/users/{userId}/access_rules}: the rules a user's application credentials named. The user or an
 * admin lists, shows and deletes them; a rule a credential still allows is not deleted (403).
 */
@Path("/v3/users/{userId}/access_rules")
@Produces(MediaType.APPLICATION_JSON)
public class AccessRulesResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final AccessRules rules;

    public AccessRulesResource(Policy policy, ApiSettings api, Directory directory, AccessRules rules) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.rules = rules;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("userId") String userId, @QueryParam("service") String service,
            @QueryParam("path") String path, @QueryParam("method") String method, @Context UriInfo uri) {
        policy.enforce("identity:list_access_rules", Policy.selfOrAdmin(userId));
        String base = PublicUrls.base(api, uri);
        return directory.user(userId).chain(() -> rules.ofUser(userId, service, path, method))
                .map(list -> Views.collection("access_rules",
                        list.stream().map(r -> AccessRuleView.render(r, base)).toList(),
                        base + "/v3/users/" + userId + "/access_rules"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("userId") String userId, @PathParam("id") String id,
            @Context UriInfo uri) {
        policy.enforce("identity:get_access_rule", Policy.selfOrAdmin(userId));
        return rules.find(userId, id)
                .map(r -> Map.of("access_rule", AccessRuleView.render(r, PublicUrls.base(api, uri))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("userId") String userId, @PathParam("id") String id) {
        policy.enforce("identity:delete_access_rule", Policy.selfOrAdmin(userId));
        return rules.delete(userId, id).map(x -> Response.noContent().build());
    }
}
