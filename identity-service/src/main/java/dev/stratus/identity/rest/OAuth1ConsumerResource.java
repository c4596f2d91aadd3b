package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.OAuth1ConsumerEntity;
import dev.stratus.identity.service.Directory;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v3/OS-OAUTH1/consumers}: OAuth 1.0a consumers (admin). The secret is generated on create and shown
 * then only; it cannot be changed. Only the consumers are kept: the request and access token flow of OS-OAUTH1 is
 * not built.
 */
@Path("/v3/OS-OAUTH1/consumers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OAuth1ConsumerResource {

    private static final Set<String> MODELLED = Set.of("id", "description", "secret", "links");

    private final Policy policy;
    private final ApiSettings api;

    public OAuth1ConsumerResource(Policy policy, ApiSettings api) {
        this.policy = policy;
        this.api = api;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_consumer", Policy.admin());
        JsonNode c = consumer(body);
        OAuth1ConsumerEntity row = new OAuth1ConsumerEntity();
        row.id = Ids.newId();
        row.description = Bodies.text(c, "description");
        row.secret = Ids.newId();
        row.extra = JsonColumns.mergeExtra(null, c, MODELLED);
        return row.<OAuth1ConsumerEntity>persist().map(saved -> {
            Map<String, Object> view = view(saved, PublicUrls.base(api, uri));
            view.put("secret", saved.secret);
            return Creation.created("consumer", view);
        });
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@Context UriInfo uri) {
        policy.enforce("identity:list_consumers", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return OAuth1ConsumerEntity.<OAuth1ConsumerEntity>list("order by createdAt, id")
                .map(rows -> Views.collection("consumers", rows.stream().map(c -> view(c, base)).toList(),
                        base + "/v3/OS-OAUTH1/consumers"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_consumer", Policy.admin());
        return find(id).map(c -> Map.of("consumer", view(c, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_consumer", Policy.admin());
        JsonNode c = consumer(body);
        if (c.isEmpty()) {
            throw ApiException.badRequest("{} does not have enough properties");
        }
        if (c.has("secret")) {
            throw ApiException.badRequest("Invalid input for field 'secret': the secret of a consumer cannot be"
                    + " changed.");
        }
        String description = Bodies.text(c, "description");
        if (c.hasNonNull("id") && !id.equals(c.get("id").asText())) {
            throw ApiException.badRequest("Cannot change ID");
        }
        return find(id).map(row -> {
            if (c.has("description")) {
                row.description = description;
            }
            row.extra = JsonColumns.mergeExtra(row.extra, c, MODELLED);
            return Map.of("consumer", view(row, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_consumer", Policy.admin());
        return Directory.requireDeleted(OAuth1ConsumerEntity.delete("id", id), OAuth1ConsumerResource::notFound)
                .map(x -> Response.noContent().build());
    }

    /** The body's {@code consumer}, which Keystone takes as empty when it is missing. */
    private static JsonNode consumer(JsonNode body) {
        JsonNode c = body == null ? null : body.get("consumer");
        if (c == null || c.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!c.isObject()) {
            return Bodies.member(body, "consumer");
        }
        return c;
    }

    private static Uni<OAuth1ConsumerEntity> find(String id) {
        return OAuth1ConsumerEntity.<OAuth1ConsumerEntity>findById(id).onItem().ifNull()
                .failWith(OAuth1ConsumerResource::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Consumer not found");
    }

    /** Never the secret. */
    private static Map<String, Object> view(OAuth1ConsumerEntity c, String base) {
        Map<String, Object> m = new LinkedHashMap<>(JsonColumns.extra(c.extra));
        m.put("id", c.id);
        m.put("description", c.description);
        m.put("links", Views.links(base + "/v3/OS-OAUTH1/consumers/" + c.id));
        return m;
    }
}
