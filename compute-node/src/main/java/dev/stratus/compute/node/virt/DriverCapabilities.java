package dev.stratus.compute.node.virt;

/**
 * What a driver can do and needs.
 *
 * @param needsImageData the node must put the image in its cache before {@link VirtDriver#spawn}
 * @param supportsConfigDrive the driver attaches {@link GuestSpec#configDrive()}
 * @param supportsSuspend managed save and restore
 * @param supportsPause pause and unpause without leaving memory
 * @param movesBetweenHosts a cold move (resize, migration) may take the guest's disks to another host; without
 *        it only same-host resizes are possible
 */
public record DriverCapabilities(boolean needsImageData, boolean supportsConfigDrive, boolean supportsSuspend,
        boolean supportsPause, boolean movesBetweenHosts) {
}
