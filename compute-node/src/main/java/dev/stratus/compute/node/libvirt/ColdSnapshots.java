package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.file.Path;

/**
 * Nova's cold snapshot without the save: a running guest's vCPUs stop (the domain paused) while qemu-img copies
 * its root disk ({@link InstanceStorage}), then run on; a guest that does not run is copied as it is.
 */
final class ColdSnapshots {

    private final InstanceCalls calls;

    private final InstanceStorage storage;

    ColdSnapshots(InstanceCalls calls, InstanceStorage storage) {
        this.calls = calls;
        this.storage = storage;
    }

    void snapshot(String instanceId, Path target) throws VirtException {
        calls.withGuest(instanceId, "The server's disk could not be snapshotted", domain -> {
            GuestState state = domain.state();
            boolean pause = state.isRunning();
            if (pause) {
                domain.pause();
            }
            try {
                storage.copyRootDisk(instanceId, target);
            } finally {
                if (pause) {
                    domain.unpause();
                }
            }
        });
    }
}
