package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.service.ProxyImages;
import dev.stratus.compute.api.view.ComputeVersions;
import dev.stratus.compute.api.view.Links;
import dev.stratus.compute.api.view.ProxyImageView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nova's deprecated image proxy, {@code /v2.1/images[/detail|/{id}[/metadata[/{key}]]]}, up to microversion
 * 2.35 (a 404 from 2.36 on, as Nova): Glance's images as Nova showed them, with their properties as metadata.
 */
@Path("/v2.1/images")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImagesProxyResource {

    private static final Set<String> FILTERS = Set.of("name", "status", "changes-since", "server", "type", "minRam",
            "minDisk");

    private final ProxyImages images;
    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;
    private final ComputeSettings settings;

    public ImagesProxyResource(ProxyImages images, Policy policy, RequestedMicroversion version, ApiSettings api,
            ComputeSettings settings) {
        this.images = images;
        this.policy = policy;
        this.version = version;
        this.api = api;
        this.settings = settings;
    }

    private AuthContext caller() {
        if (!ComputeVersions.IMAGE_PROXY.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return policy.caller();
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        return listing(uri, (image, base) -> ProxyImageView.summary(image, base, imageUrl()));
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@Context UriInfo uri) {
        return listing(uri, (image, base) -> ProxyImageView.detail(image, base, imageUrl()));
    }

    private interface Renderer {
        Map<String, Object> render(JsonNode image, String base);
    }

    private Map<String, Object> listing(UriInfo uri, Renderer renderer) {
        AuthContext caller = caller();
        var q = uri.getQueryParameters();
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.stream().filter(q::containsKey).forEach(f -> filters.put(f, q.getFirst(f)));
        int limit = q.containsKey("limit") ? limit(q.getFirst("limit")) : api.maxPageSize();
        List<JsonNode> page = images.list(caller, filters, limit, q.getFirst("marker"));
        String base = Links.base(api, uri);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", page.stream().map(i -> renderer.render(i, base)).toList());
        // As Nova's proxy (and Glance): a full page links to the next one, from its last image.
        if (limit > 0 && page.size() == limit) {
            String last = page.get(limit - 1).path("id").asText();
            String next = PageLinks.nextHref(uri, api.publicUrl().orElse(null), last);
            body.put("images_links", List.of(Map.of("rel", "next", "href", next)));
        }
        return body;
    }

    private int limit(String value) {
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit < 0) {
                throw ApiException.badRequest("Value must be >= 0 for limit");
            }
            return Math.min(limit, api.maxPageSize());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("image", ProxyImageView.detail(images.show(caller(), id), Links.base(api, uri), imageUrl()));
    }

    /** {@code DELETE /images/} names no image: Nova has no such route and answers 404. */
    @DELETE
    public Response deleteWithoutId() {
        caller();
        throw ApiException.notFound("Image not found.");
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        images.delete(caller(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/metadata")
    public Map<String, Object> metadata(@PathParam("id") String id) {
        return Map.of("metadata", images.metadata(caller(), id));
    }

    @POST
    @Path("{id}/metadata")
    public Map<String, Object> updateMetadata(@PathParam("id") String id, JsonNode body) {
        return Map.of("metadata", images.update(caller(), id, items(body, "metadata"), false));
    }

    @PUT
    @Path("{id}/metadata")
    public Map<String, Object> replaceMetadata(@PathParam("id") String id, JsonNode body) {
        return Map.of("metadata", images.update(caller(), id, items(body, "metadata"), true));
    }

    @GET
    @Path("{id}/metadata/{key}")
    public Map<String, Object> item(@PathParam("id") String id, @PathParam("key") String key) {
        String value = images.item(caller(), id, key)
                .orElseThrow(() -> ApiException.notFound("Image metadata item " + key + " not found."));
        return Map.of("meta", Map.of(key, value));
    }

    @PUT
    @Path("{id}/metadata/{key}")
    public Map<String, Object> setItem(@PathParam("id") String id, @PathParam("key") String key, JsonNode body) {
        AuthContext caller = caller();
        Map<String, String> meta = items(body, "meta");
        if (meta.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (!meta.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        images.setItem(caller, id, key, meta.get(key));
        return Map.of("meta", meta);
    }

    @DELETE
    @Path("{id}/metadata/{key}")
    public Response deleteItem(@PathParam("id") String id, @PathParam("key") String key) {
        images.deleteItem(caller(), id, key);
        return Response.noContent().build();
    }

    private static Map<String, String> items(JsonNode body, String member) {
        JsonNode root = Bodies.root(body, member);
        return Bodies.stringMap(root, member);
    }

    private String imageUrl() {
        return settings.imageUrl().orElse(null);
    }
}
