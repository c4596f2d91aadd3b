package dev.stratus.image.service;

/** Glance's image statuses used here. */
public final class ImageStatus {

    public static final String QUEUED = "queued";
    public static final String SAVING = "saving";
    public static final String UPLOADING = "uploading";
    public static final String IMPORTING = "importing";
    public static final String ACTIVE = "active";
    public static final String KILLED = "killed";
    public static final String DEACTIVATED = "deactivated";

    private ImageStatus() {
    }
}
