package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The {@code createImage} and {@code createBackup} actions, as Nova's snapshot and backup: the image is created
 * queued in image-service as the caller (private, or shared with the server's project when an admin snapshots
 * another project's server), with the properties of the image the server was booted from and the caller's
 * metadata; the server's host uploads its disk (and, for a backup, deletes the backups beyond the rotation).
 * The server is busy (task image_snapshot_pending or image_backup) until the host reports the upload's end.
 */
@ApplicationScoped
public class ServerSnapshotter {

    private static final Logger LOG = Logger.getLogger(ServerSnapshotter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StateRule STATES = new StateRule(Set.of("active", "stopped", "paused", "suspended"),
            StateRule.NO_TASK);
    /** Properties of the base image that describe that image, not its data, and are not copied. */
    private static final Set<String> NON_INHERITABLE = Set.of("instance_uuid", "image_type", "user_id",
            "base_image_ref", "instance_owner", "owner_project_name", "owner_user_name", "cache_in_nova",
            "backup_type", "bittorrent", "img_signature", "img_signature_hash_method", "img_signature_key_type",
            "img_signature_certificate_uuid", "image_location", "image_state", "owner_id", "boot_roles",
            "block_device_mapping", "bdm_v2", "root_device_name");

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ImageService images;
    private final ComputeCasts casts;
    private final Policy policy;

    public ServerSnapshotter(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ImageService images, ComputeCasts casts, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.images = images;
        this.casts = casts;
        this.policy = policy;
    }

    /** What is taken: a snapshot, or a backup of a type kept in a rotation. */
    private record Kind(String action, String policyRule, String taskState, String imageType, String backupType,
            Integer rotation) {
    }

    private static final Kind SNAPSHOT = new Kind("createImage", "os_compute_api:servers:create_image",
            "image_snapshot_pending", "snapshot", null, null);

    /** createImage: returns the new image as image-service created it (queued). */
    public JsonNode snapshot(AuthContext caller, String uuid, String name, Map<String, String> metadata,
            String requestId) {
        return take(caller, uuid, name, metadata, SNAPSHOT, requestId);
    }

    /** createBackup: as a snapshot, typed, and the host keeps the newest {@code rotation} backups of the type. */
    public JsonNode backup(AuthContext caller, String uuid, String name, String backupType, int rotation,
            Map<String, String> metadata, String requestId) {
        return take(caller, uuid, name, metadata, new Kind("createBackup", "os_compute_api:os-create-backup",
                "image_backup", "backup", backupType, rotation), requestId);
    }

    private JsonNode take(AuthContext caller, String uuid, String name, Map<String, String> metadata, Kind kind,
            String requestId) {
        InstanceRow row = begin(caller, uuid, kind, requestId);
        JsonNode image;
        try {
            image = images.create(caller, imageBody(caller, row, name, metadata, kind));
            if (!caller.projectId().equals(row.projectId())) {
                images.addMember(caller, image.path("id").asText(), row.projectId());
            }
        } catch (RuntimeException e) {
            undo(uuid, kind.taskState(), requestId);
            throw e;
        }
        String imageId = image.path("id").asText();
        try {
            casts.snapshot(row.host(), new SnapshotInstance(uuid, imageId, requestId, kind.backupType(),
                    kind.rotation())).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the snapshot of %s to compute.%s: %s", uuid, row.host(), e.getMessage());
            deleteQuietly(caller, imageId);
            undo(uuid, kind.taskState(), requestId);
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
        return image;
    }

    /**
     * The image that will hold a shelved server's disk: {@code <name>-shelved}, made as the caller as a snapshot
     * is (Nova's shelve makes a snapshot image too).
     */
    public String createShelvedImage(AuthContext caller, InstanceRow row) {
        JsonNode image = images.create(caller, imageBody(caller, row, row.displayName() + "-shelved", Map.of(),
                SNAPSHOT));
        String imageId = image.path("id").asText();
        if (!caller.projectId().equals(row.projectId())) {
            try {
                images.addMember(caller, imageId, row.projectId());
            } catch (RuntimeException e) {
                deleteQuietly(caller, imageId);
                throw e;
            }
        }
        return imageId;
    }

    /** Deletes an image that was made for nothing (its upload was never started); a failure is only logged. */
    public void deleteQuietly(AuthContext caller, String imageId) {
        try {
            images.delete(caller, imageId);
        } catch (RuntimeException e) {
            LOG.warnf("Image %s of a snapshot that was never started remains: %s", imageId, e.getMessage());
        }
    }

    @Transactional
    InstanceRow begin(AuthContext caller, String uuid, Kind kind, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(kind.policyRule(), ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        STATES.checkOnHost(kind.action(), row);
        instances.db().update("update instances set task_state = ?, updated_at = now() where uuid = ?",
                kind.taskState(), uuid);
        actions.start(uuid, kind.action(), requestId, caller.userId(), caller.projectId());
        return row;
    }

    @Transactional
    void undo(String uuid, String taskState, String requestId) {
        instances.db().update("update instances set task_state = null, updated_at = now() where uuid = ?"
                + " and task_state = ?", uuid, taskState);
        actions.finish(uuid, requestId, true);
    }

    private ObjectNode imageBody(AuthContext caller, InstanceRow row, String name, Map<String, String> metadata,
            Kind kind) {
        JsonNode base = row.imageRef() == null ? null : images.get(caller, row.imageRef()).orElse(null);
        Map<String, String> properties = new TreeMap<>();
        if (base != null) {
            GlanceAttributes.properties(base).forEach((k, v) -> {
                if (!NON_INHERITABLE.contains(k) && !k.startsWith("os_glance")) {
                    properties.put(k, v);
                }
            });
        }
        properties.put("instance_uuid", row.uuid());
        properties.put("user_id", caller.userId());
        properties.put("image_type", kind.imageType());
        if (kind.backupType() != null) {
            properties.put("backup_type", kind.backupType());
        }
        if (row.imageRef() != null) {
            properties.put("base_image_ref", row.imageRef());
        }
        boolean shared = !caller.projectId().equals(row.projectId());
        if (shared) {
            properties.put("instance_owner", row.projectId());
        }
        properties.putAll(metadata);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        // the hosts' drivers write qcow2
        body.put("disk_format", "qcow2");
        body.put("container_format", "bare");
        body.put("visibility", shared ? "shared" : "private");
        body.put("min_disk", Math.max(row.rootGb(), base == null ? 0 : base.path("min_disk").asInt(0)));
        body.put("min_ram", base == null ? 0 : base.path("min_ram").asInt(0));
        properties.forEach(body::put);
        return body;
    }
}
