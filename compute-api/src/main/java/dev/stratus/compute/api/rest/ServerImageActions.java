package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.QuotaService;
import dev.stratus.compute.api.service.ServerSnapshotter;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code createImage} ({@code {"name", "metadata"}}) and {@code createBackup} ({@code {"name", "backup_type",
 * "rotation", "metadata"}}). From 2.45 the 202 carries {@code {"image_id"}}; before, a Location header naming the
 * image in the compute API's {@code /images}. Up to 2.38 the metadata counts against the project's
 * metadata_items quota, as Nova's image metadata did.
 */
@ApplicationScoped
class ServerImageActions implements ServerActionHandler {

    private static final Set<String> IMAGE_FIELDS = Set.of("name", "metadata");
    private static final Set<String> BACKUP_FIELDS = Set.of("name", "backup_type", "rotation", "metadata");

    private final ServerSnapshotter snapshotter;
    private final QuotaService quotas;
    private final ApiSettings api;

    ServerImageActions(ServerSnapshotter snapshotter, QuotaService quotas, ApiSettings api) {
        this.snapshotter = snapshotter;
        this.quotas = quotas;
        this.api = api;
    }

    @Override
    public Set<String> keys() {
        return Set.of("createImage", "createBackup");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        boolean backup = key.equals("createBackup");
        if (args == null || !args.isObject()) {
            throw Bodies.invalid(key, args, "is not of type 'object'");
        }
        for (Iterator<String> it = args.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!(backup ? BACKUP_FIELDS : IMAGE_FIELDS).contains(field)) {
                throw ApiException.badRequest("Invalid input for field/attribute " + key + ". Additional properties"
                        + " are not allowed ('" + field + "' was unexpected)");
            }
        }
        String name = Bodies.name(args, "name", 255, true);
        String backupType = backup ? Bodies.requiredString(args, "backup_type", 0, 255) : null;
        Integer rotation = backup ? Bodies.integer(args, "rotation", 0, Integer.MAX_VALUE, true) : null;
        Map<String, String> metadata = Bodies.stringMap(args.get("metadata"), "metadata");
        if (ComputeVersions.IMAGE_METADATA_QUOTA.contains(version)) {
            int limit = quotas.limits(caller.projectId(), null).get("metadata_items");
            if (limit >= 0 && metadata.size() > limit) {
                throw ApiException.forbidden("Image metadata limit exceeded");
            }
        }
        String imageId = (backup ? snapshotter.backup(caller, serverId, name, backupType, rotation, metadata, requestId)
                : snapshotter.snapshot(caller, serverId, name, metadata, requestId)).path("id").asText();
        if (ComputeVersions.IMAGE_ID_IN_BODY.contains(version)) {
            return Outcome.accepted(Map.of("image_id", imageId));
        }
        String base = api.publicUrl().map(u -> u.replaceAll("/+$", "")).orElse("");
        return Outcome.acceptedAt(URI.create(base + "/v2.1/images/" + imageId));
    }
}
