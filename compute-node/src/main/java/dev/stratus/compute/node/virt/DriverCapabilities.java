package dev.stratus.compute.node.virt;

/**
 * What a driver can do and needs.
 *
 * @param needsImageData the node must put the image in its cache before {@link VirtDriver#spawn}
 * @param supportsConfigDrive the driver attaches {@link GuestSpec#configDrive()}
 * @param supportsSuspend managed save and restore
 * @param supportsPause pause and unpause without leaving memory
 */
public record DriverCapabilities(boolean needsImageData, boolean supportsConfigDrive, boolean supportsSuspend,
        boolean supportsPause) {
}
