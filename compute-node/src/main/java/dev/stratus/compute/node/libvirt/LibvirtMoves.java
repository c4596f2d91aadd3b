package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Cold moves on this host, i.e. resizes. This driver does not carry disks to another host
 * ({@code movesBetweenHosts} is false), so every step refuses another host before it touches the guest. While a
 * resize waits for its confirmation or revert, the instance directory holds, beside the usual files:
 * <ul>
 * <li>{@code disk}: the root disk the resized guest runs on, grown to the new flavor's root disk;</li>
 * <li>{@code disk.resize-backup}: a plain copy of the root disk as it was when the guest stopped (a qcow2
 * overlay on the same cached image);</li>
 * <li>{@code resize.xml}: the guest's inactive domain definition from before the resize.</li>
 * </ul>
 * A confirm deletes both kept files; a revert moves the copy back over {@code disk} and defines the kept
 * definition again. The kept files also say that a resize is under way, which makes every step safe to repeat.
 * The driver calls in here holding the instance's lock.
 */
final class LibvirtMoves {

    private static final Logger LOG = Logger.getLogger(LibvirtMoves.class);

    private static final long GIB = 1L << 30;

    private final DiskImages disks;

    private final DomainBuilder domains;

    private final GuestPower power;

    LibvirtMoves(DiskImages disks, DomainBuilder domains, GuestPower power) {
        this.disks = disks;
        this.domains = domains;
        this.power = power;
    }

    /** Refuses a move to another host. */
    static void requireSameHost(boolean sameHost, String destHost) throws VirtException {
        if (!sameHost) {
            throw new VirtException("The libvirt driver cannot move a server's disks to another host"
                    + (destHost == null || destHost.isBlank() ? "" : " (destination " + destHost + ")")
                    + "; only resizes on the same host are possible");
        }
    }

    /** Whether a resize keeps files for a revert: it was not confirmed or reverted yet. */
    static boolean isResizing(InstanceFiles files) {
        return Files.exists(files.resizeBackup()) || Files.exists(files.resizeXml());
    }

    /**
     * Refuses what cannot be resized before it changes anything; then stops the guest (power button, forced
     * off after {@code timeout}) and keeps its definition and a copy of its root disk. What is kept already,
     * from an earlier attempt, is left as it is.
     */
    void migrateDiskAndPowerOff(String instanceId, GuestDomain domain, InstanceFiles files, FlavorSpec newFlavor,
            Duration timeout) throws LibvirtFailure, VirtException {
        if (LibvirtRescue.isRescued(files)) {
            throw new VirtException("The server is rescued: unrescue it before resizing it");
        }
        if (domain.state() == GuestState.SHUTOFF && domain.hasManagedSave()) {
            throw new VirtException("The server is suspended: resume it before resizing it");
        }
        refuseSmallerDisk(files, newFlavor);
        power.stop(instanceId, domain, true, timeout);
        keepDefinition(files, domain.xml());
        keepRootDisk(files);
    }

    /**
     * Grows the stopped guest's root disk to {@code guest}'s flavor, defines the guest again from {@code guest}
     * (the new vCPUs and memory; the same disks, config drive and NICs) and starts it when {@code powerOn}. A
     * guest that runs during a resize was finished already: a repeat leaves it alone.
     */
    void finishMigration(String instanceId, LibvirtHost host, Optional<GuestDomain> existing, GuestSpec guest,
            InstanceFiles files, String domainType, String arch, boolean powerOn)
            throws LibvirtFailure, VirtException {
        if (existing.isPresent() && existing.get().state().isActive()) {
            if (!isResizing(files)) {
                throw new VirtException("The server was not stopped for a resize");
            }
            LOG.infof("instance %s: the resized server runs already", instanceId);
            return;
        }
        FlavorSpec flavor = guest.instance().flavor();
        refuseSmallerDisk(files, flavor);
        growRootDisk(files, flavor);
        GuestDomain domain = define(host, guest, files, domainType, arch);
        if (powerOn) {
            if (domain.hasManagedSave()) {
                // memory saved under the old flavor cannot be restored into the new one
                domain.discardManagedSave();
            }
            power.start(domain);
        }
    }

    /** Drops the copy of the old root disk and the old definition; nothing kept is nothing to do. */
    void confirmMigration(InstanceFiles files) throws VirtException {
        try {
            Files.deleteIfExists(files.resizeBackup());
            Files.deleteIfExists(files.resizeXml());
        } catch (IOException e) {
            throw new VirtException("The server's disk kept for a revert of its resize could not be removed", e);
        }
    }

    /**
     * Forces the resized guest off; its disks and the kept files stay for {@link #finishRevertMigration}. A
     * guest with nothing kept (reverted already) is left alone.
     */
    void revertMigration(String instanceId, Optional<GuestDomain> domain, InstanceFiles files)
            throws LibvirtFailure, VirtException {
        if (!isResizing(files)) {
            LOG.infof("instance %s: no resize to revert", instanceId);
            return;
        }
        if (domain.isPresent()) {
            stopAtOnce(domain.get());
        }
    }

    /**
     * Puts the kept root disk back, defines the kept definition again (or, when it is gone, one from
     * {@code original}, which carries the old flavor), starts the guest when {@code powerOn} and drops the kept
     * definition. With nothing kept (a repeat) the guest is only started when it should run and does not.
     */
    void finishRevertMigration(String instanceId, LibvirtHost host, Optional<GuestDomain> existing,
            GuestSpec original, InstanceFiles files, String domainType, String arch, boolean powerOn)
            throws LibvirtFailure, VirtException {
        if (!isResizing(files)) {
            LOG.infof("instance %s: the resize was reverted already", instanceId);
            GuestDomain domain = existing.isPresent() ? existing.get()
                    : define(host, original, files, domainType, arch);
            if (powerOn && !domain.state().isActive()) {
                power.startOrRestore(domain);
            }
            return;
        }
        if (existing.isPresent()) {
            stopAtOnce(existing.get());
        }
        restoreRootDisk(files);
        GuestDomain domain = Files.isRegularFile(files.resizeXml()) ? host.define(keptDefinition(files))
                : define(host, original, files, domainType, arch);
        if (powerOn) {
            if (domain.hasManagedSave()) {
                domain.discardManagedSave();
            }
            power.start(domain);
        }
        try {
            Files.deleteIfExists(files.resizeXml());
        } catch (IOException e) {
            throw new VirtException("The server's definition kept for a revert of its resize could not be removed",
                    e);
        }
    }

    // ---- disks ------------------------------------------------------------------------------------

    /**
     * Nova's refusal of a smaller root disk. A flavor without a root disk size (0) keeps the disk as large as it
     * is, as at a spawn where it means the image's size.
     */
    private void refuseSmallerDisk(InstanceFiles files, FlavorSpec flavor) throws VirtException {
        if (flavor.rootGb() > 0 && (long) flavor.rootGb() * GIB < virtualSize(files.rootDisk())) {
            throw new VirtException("Unable to resize disk down.");
        }
    }

    private void growRootDisk(InstanceFiles files, FlavorSpec flavor) throws VirtException {
        Path root = files.rootDisk();
        long wanted = (long) flavor.rootGb() * GIB;
        if (wanted <= virtualSize(root)) {
            return;
        }
        try {
            disks.resize(root, wanted);
        } catch (IOException e) {
            throw new VirtException("The server's root disk could not be grown to " + flavor.rootGb() + " GiB: "
                    + e.getMessage(), e);
        }
    }

    private long virtualSize(Path root) throws VirtException {
        if (!Files.isRegularFile(root)) {
            throw new VirtException("The server's root disk is not on this host");
        }
        try {
            return disks.inspect(root).virtualSizeBytes();
        } catch (IOException e) {
            throw new VirtException("The server's root disk cannot be read: " + e.getMessage(), e);
        }
    }

    /** A copy of the stopped guest's root disk, written under another name first: a partial copy is no backup. */
    private static void keepRootDisk(InstanceFiles files) throws VirtException {
        Path backup = files.resizeBackup();
        if (Files.exists(backup)) {
            return;
        }
        Path partial = backup.resolveSibling(backup.getFileName() + ".part");
        try {
            Files.copy(files.rootDisk(), partial, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(partial, backup, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the next attempt replaces it
            }
            throw new VirtException("The server's root disk could not be copied for a revert of its resize: "
                    + e.getMessage(), e);
        }
    }

    private static void restoreRootDisk(InstanceFiles files) throws VirtException {
        if (!Files.exists(files.resizeBackup())) {
            return;
        }
        try {
            Files.move(files.resizeBackup(), files.rootDisk(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VirtException("The server's root disk from before its resize could not be put back", e);
        }
    }

    // ---- definitions ------------------------------------------------------------------------------

    private static void keepDefinition(InstanceFiles files, String xml) throws VirtException {
        Path target = files.resizeXml();
        if (Files.exists(target)) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.writeString(partial, xml, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VirtException("The server's definition could not be kept for a revert of its resize", e);
        }
    }

    private static String keptDefinition(InstanceFiles files) throws VirtException {
        try {
            return Files.readString(files.resizeXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException("The server's definition, kept at its resize, cannot be read", e);
        }
    }

    private GuestDomain define(LibvirtHost host, GuestSpec guest, InstanceFiles files, String domainType,
            String arch) throws LibvirtFailure, VirtException {
        String xml;
        try {
            xml = DomainXmlWriter.write(domains.build(guest, files, domainType, arch));
        } catch (IllegalArgumentException e) {
            throw new VirtException("The server's definition is invalid: " + e.getMessage(), e);
        }
        return host.define(xml);
    }

    /** Forced off: the guest was stopped gracefully when the resize began, what runs now is the resized one. */
    private void stopAtOnce(GuestDomain domain) throws LibvirtFailure, VirtException {
        if (domain.state().isActive()) {
            power.forceOff(domain);
        }
    }
}
