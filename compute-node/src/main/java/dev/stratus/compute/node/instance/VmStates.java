package dev.stratus.compute.node.instance;

/** Nova's vm_state and task_state values the node reports. */
public final class VmStates {

    public static final String BUILDING = "building";
    public static final String ACTIVE = "active";
    public static final String STOPPED = "stopped";
    public static final String PAUSED = "paused";
    public static final String SUSPENDED = "suspended";
    public static final String RESCUED = "rescued";
    public static final String SHELVED = "shelved";
    public static final String SHELVED_OFFLOADED = "shelved_offloaded";
    /** Moved by a resize or migration that waits for its confirm or revert (Nova's status VERIFY_RESIZE). */
    public static final String RESIZED = "resized";
    public static final String ERROR = "error";
    public static final String DELETED = "deleted";

    public static final String TASK_SPAWNING = "spawning";
    public static final String TASK_SCHEDULING = "scheduling";
    public static final String TASK_REBUILD_SPAWNING = "rebuild_spawning";
    public static final String TASK_IMAGE_PENDING_UPLOAD = "image_pending_upload";
    public static final String TASK_IMAGE_UPLOADING = "image_uploading";
    public static final String TASK_SHELVING_IMAGE_PENDING_UPLOAD = "shelving_image_pending_upload";
    public static final String TASK_SHELVING_IMAGE_UPLOADING = "shelving_image_uploading";
    public static final String TASK_SHELVING_OFFLOADING = "shelving_offloading";
    public static final String TASK_MIGRATING = "migrating";
    public static final String TASK_RESIZE_MIGRATING = "resize_migrating";
    public static final String TASK_RESIZE_MIGRATED = "resize_migrated";
    public static final String TASK_RESIZE_FINISH = "resize_finish";

    private VmStates() {
    }
}
