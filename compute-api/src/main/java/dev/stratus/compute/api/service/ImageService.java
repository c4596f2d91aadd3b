package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glance v2 as compute-api uses it beyond boot checks ({@link ImageCatalog}): snapshots (createImage) and the
 * deprecated {@code /images} proxy. Every call acts with the caller's own token, so Glance's rules decide.
 * Glance's refusals arrive as {@link dev.stratus.common.fault.ApiException}s with its status; an unreachable
 * image service is a 503.
 */
public interface ImageService {

    /** The image as Glance shows it to the caller; empty when it does not exist or is not visible. */
    Optional<JsonNode> get(AuthContext caller, String imageId);

    /** One page of {@code GET /v2/images} with Glance's query parameters, and the next page's marker. */
    Page list(AuthContext caller, Map<String, String> query);

    /** {@code POST /v2/images}: the created (queued) image. */
    JsonNode create(AuthContext caller, ObjectNode image);

    /** {@code PATCH /v2/images/{id}} with a JSON patch (openstack-images-v2.1-json-patch). */
    JsonNode patch(AuthContext caller, String imageId, ArrayNode operations);

    void delete(AuthContext caller, String imageId);

    /**
     * Deletes an image compute-api made for a server (its shelved disk) with compute-api's own service credentials,
     * when no caller is there any more; an image already gone is fine.
     */
    void deleteOnBehalf(String imageId);

    /** {@code POST /v2/images/{id}/members}: shares the image with a project. */
    void addMember(AuthContext caller, String imageId, String projectId);

    record Page(List<JsonNode> images, String nextMarker) {
    }
}
