package dev.stratus.compute.node.report;

/** Nova's names of the instance action events a compute node records. */
public final class ActionEvents {

    public static final String BUILD = "compute__do_build_and_run_instance";
    public static final String START = "compute_start_instance";
    public static final String STOP = "compute_stop_instance";
    public static final String REBOOT = "compute_reboot_instance";
    public static final String PAUSE = "compute_pause_instance";
    public static final String UNPAUSE = "compute_unpause_instance";
    public static final String SUSPEND = "compute_suspend_instance";
    public static final String RESUME = "compute_resume_instance";
    public static final String TERMINATE = "compute_terminate_instance";
    public static final String REBUILD = "compute_rebuild_instance";
    public static final String RESCUE = "compute_rescue_instance";
    public static final String UNRESCUE = "compute_unrescue_instance";
    public static final String RESIZE = "compute_resize_instance";
    public static final String FINISH_RESIZE = "compute_finish_resize";
    public static final String CONFIRM_RESIZE = "compute_confirm_resize";
    public static final String REVERT_RESIZE = "compute_revert_resize";
    public static final String FINISH_REVERT_RESIZE = "compute_finish_revert_resize";
    public static final String LIVE_MIGRATION = "compute_live_migration";
    public static final String POST_LIVE_MIGRATION_AT_DESTINATION = "compute_post_live_migration_at_destination";
    public static final String SHELVE = "compute_shelve_instance";
    public static final String SHELVE_OFFLOAD = "compute_shelve_offload_instance";
    public static final String SET_ADMIN_PASSWORD = "compute_set_admin_password";
    public static final String SNAPSHOT = "compute_snapshot_instance";
    public static final String BACKUP = "compute_backup_instance";
    public static final String ATTACH_INTERFACE = "compute_attach_interface";
    public static final String DETACH_INTERFACE = "compute_detach_interface";

    public static final String SUCCESS = "Success";
    public static final String ERROR = "Error";

    private ActionEvents() {
    }
}
