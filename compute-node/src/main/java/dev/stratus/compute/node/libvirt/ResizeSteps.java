package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Duration;

/**
 * The steps of a resize on this host as the driver is asked for them: a move to another host refused first, then
 * {@link LibvirtMoves}' step on the instance's domain, under the instance's lock, with the virt type and
 * architecture the domain is defined for.
 */
final class ResizeSteps {

    private final InstanceCalls calls;

    private final HostDescription hostDescription;

    private final InstanceStorage storage;

    private final GuestPower power;

    private final LibvirtMoves moves;

    ResizeSteps(InstanceCalls calls, HostDescription hostDescription, InstanceStorage storage, GuestPower power,
            LibvirtMoves moves) {
        this.calls = calls;
        this.hostDescription = hostDescription;
        this.storage = storage;
        this.power = power;
        this.moves = moves;
    }

    void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost, FlavorSpec newFlavor,
            int timeoutSeconds) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, destHost);
        Duration timeout = power.shutdownTimeout(timeoutSeconds);
        calls.withGuest(instanceId, "The server could not be stopped for its resize", domain -> moves
                .migrateDiskAndPowerOff(instanceId, domain, storage.files(instanceId), newFlavor, timeout));
    }

    void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = InstanceCalls.requireId(guest.instanceId());
        String virtType = hostDescription.virtType().domainType();
        calls.withInstance(id, "The resized server could not be defined or started", (host, domain) -> moves
                .finishMigration(id, host, domain, guest, storage.files(id), virtType, hostDescription.arch(host),
                        powerOn));
    }

    void confirmMigration(String instanceId, boolean sameHost) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = InstanceCalls.requireId(instanceId);
        synchronized (calls.lockFor(id)) {
            moves.confirmMigration(storage.files(id));
        }
    }

    /** The revert on this host; a guest resized to another host is the caller's to destroy. */
    void revertMigration(String instanceId) throws VirtException {
        calls.withInstance(instanceId, "The resized server could not be stopped",
                (host, domain) -> moves.revertMigration(instanceId, domain, storage.files(instanceId)));
    }

    void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = InstanceCalls.requireId(original.instanceId());
        String virtType = hostDescription.virtType().domainType();
        calls.withInstance(id, "The server could not be brought back with its old flavor",
                (host, domain) -> moves.finishRevertMigration(id, host, domain, original, storage.files(id), virtType,
                        hostDescription.arch(host), powerOn));
    }
}
