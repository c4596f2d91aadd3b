package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.RegionEntity;
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
import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/** Catalog endpoints ({@code /v3/endpoints}). */
@Path("/v3/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private final Policy policy;
    private final ApiSettings api;
    private final Catalog catalog;

    public EndpointResource(Policy policy, ApiSettings api, Catalog catalog) {
        this.policy = policy;
        this.api = api;
        this.catalog = catalog;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("interface") String iface,
            @QueryParam("service_id") String serviceId, @QueryParam("region_id") String regionId,
            @Context UriInfo uri) {
        policy.enforce("identity:list_endpoints", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return EndpointEntity.<EndpointEntity>listAll().map(all -> Views.collection("endpoints", all.stream()
                .filter(e -> iface == null || iface.equals(e.iface))
                .filter(e -> serviceId == null || serviceId.equals(e.serviceId))
                .filter(e -> regionId == null || regionId.equals(e.regionId))
                .sorted(Comparator.comparing((EndpointEntity e) -> e.serviceId).thenComparing(e -> e.iface))
                .map(e -> Views.endpoint(e, base)).toList(), base + "/v3/endpoints"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_endpoint", Policy.admin());
        return find(id).map(e -> Map.of("endpoint", Views.endpoint(e, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_endpoint", Policy.admin());
        JsonNode e = Bodies.member(body, "endpoint");
        EndpointEntity endpoint = new EndpointEntity();
        endpoint.id = Ids.newId();
        endpoint.serviceId = Bodies.text(e, "service_id");
        endpoint.iface = validInterface(Bodies.text(e, "interface"));
        endpoint.url = validUrl(Bodies.text(e, "url"));
        String region = Bodies.text(e, "region_id");
        endpoint.regionId = region != null ? region : Bodies.text(e, "region");
        endpoint.enabled = !Boolean.FALSE.equals(Bodies.bool(e, "enabled"));
        if (endpoint.serviceId == null) {
            throw Bodies.invalid("service_id", "is required");
        }
        return ServiceEntity.findById(endpoint.serviceId)
                .onItem().ifNull().failWith(() -> ApiException.badRequest(
                        "Could not find service: " + endpoint.serviceId + "."))
                .chain(() -> ensureRegion(endpoint.regionId))
                .chain(() -> endpoint.<EndpointEntity>persist())
                .invoke(catalog::invalidate)
                .map(saved -> Response.status(201)
                        .entity(Map.of("endpoint", Views.endpoint(saved, PublicUrls.base(api, uri)))).build());
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_endpoint", Policy.admin());
        JsonNode e = Bodies.member(body, "endpoint");
        return find(id).call(endpoint -> {
            if (Bodies.has(e, "interface")) {
                endpoint.iface = validInterface(Bodies.text(e, "interface"));
            }
            if (Bodies.has(e, "url")) {
                endpoint.url = validUrl(Bodies.text(e, "url"));
            }
            Boolean enabled = Bodies.bool(e, "enabled");
            if (enabled != null) {
                endpoint.enabled = enabled;
            }
            Uni<Void> checks = Uni.createFrom().voidItem();
            if (Bodies.has(e, "service_id")) {
                String serviceId = Bodies.text(e, "service_id");
                checks = ServiceEntity.findById(serviceId).onItem().ifNull().failWith(() -> ApiException.badRequest(
                        "Could not find service: " + serviceId + ".")).invoke(() -> endpoint.serviceId = serviceId)
                        .replaceWithVoid();
            }
            // region_id, or the legacy region attribute clients still send.
            String region = Bodies.has(e, "region_id") ? Bodies.text(e, "region_id")
                    : Bodies.has(e, "region") ? Bodies.text(e, "region") : endpoint.regionId;
            endpoint.regionId = region;
            return checks.chain(() -> ensureRegion(region));
        }).invoke(catalog::invalidate)
                .map(endpoint -> Map.of("endpoint", Views.endpoint(endpoint, PublicUrls.base(api, uri))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_endpoint", Policy.admin());
        return find(id).call(x -> Directory.requireDeleted(EndpointEntity.delete("id", id), "endpoint", id)).invoke(catalog::invalidate).map(x -> Response.noContent().build());
    }

    private Uni<EndpointEntity> find(String id) {
        return EndpointEntity.<EndpointEntity>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Could not find endpoint: " + id + "."));
    }

    /** As Keystone: an endpoint naming a region that does not exist yet creates it. */
    private static Uni<Void> ensureRegion(String regionId) {
        if (regionId == null) {
            return Uni.createFrom().voidItem();
        }
        return RegionEntity.findById(regionId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            RegionEntity region = new RegionEntity();
            region.id = regionId;
            region.description = "";
            return region.persist().replaceWithVoid();
        });
    }

    private static String validInterface(String iface) {
        if (iface == null || !INTERFACES.contains(iface)) {
            throw Bodies.invalid("interface", "must be one of public, internal or admin");
        }
        return iface;
    }

    private static String validUrl(String url) {
        try {
            URI parsed = url == null ? null : new URI(url);
            if (parsed == null || parsed.getScheme() == null || parsed.getHost() == null) {
                throw Bodies.invalid("url", "must be an absolute URL");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw Bodies.invalid("url", "must be an absolute URL");
        }
    }
}
