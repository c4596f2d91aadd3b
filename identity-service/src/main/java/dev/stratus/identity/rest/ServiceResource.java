package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ServiceEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Catalog;
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

/** Catalog services ({@code /v3/services}). */
@Path("/v3/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Catalog catalog;

    public ServiceResource(Policy policy, ApiSettings api, Catalog catalog) {
        this.policy = policy;
        this.api = api;
        this.catalog = catalog;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("type") String type, @QueryParam("name") String name,
            @Context UriInfo uri) {
        policy.enforce("identity:list_services", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return ServiceEntity.<ServiceEntity>listAll().map(all -> Views.collection("services", all.stream()
                .filter(s -> type == null || type.equals(s.type))
                .filter(s -> name == null || name.equals(s.name))
                .sorted(Comparator.comparing(s -> s.type))
                .map(s -> Views.service(s, base)).toList(), base + "/v3/services"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_service", Policy.admin());
        return find(id).map(s -> Map.of("service", Views.service(s, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_service", Policy.admin());
        JsonNode s = Bodies.member(body, "service");
        ServiceEntity service = new ServiceEntity();
        service.id = Ids.newId();
        service.type = Bodies.text(s, "type");
        if (service.type == null || service.type.isBlank()) {
            throw Bodies.invalid("type", "is required");
        }
        service.name = Bodies.text(s, "name");
        service.description = Bodies.text(s, "description");
        service.enabled = !Boolean.FALSE.equals(Bodies.bool(s, "enabled"));
        return service.<ServiceEntity>persist().invoke(catalog::invalidate).map(saved -> Response.status(201)
                .entity(Map.of("service", Views.service(saved, PublicUrls.base(api, uri)))).build());
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_service", Policy.admin());
        JsonNode s = Bodies.member(body, "service");
        return find(id).map(service -> {
            if (Bodies.has(s, "type")) {
                service.type = Bodies.text(s, "type");
            }
            if (Bodies.has(s, "name")) {
                service.name = Bodies.text(s, "name");
            }
            if (Bodies.has(s, "description")) {
                service.description = Bodies.text(s, "description");
            }
            Boolean enabled = Bodies.bool(s, "enabled");
            if (enabled != null) {
                service.enabled = enabled;
            }
            catalog.invalidate();
            return Map.of("service", Views.service(service, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_service", Policy.admin());
        return find(id).call(x -> Directory.requireDeleted(ServiceEntity.delete("id", id), "service", id)).invoke(catalog::invalidate).map(x -> Response.noContent().build());
    }

    private Uni<ServiceEntity> find(String id) {
        return ServiceEntity.<ServiceEntity>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Could not find service: " + id + "."));
    }
}
