package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rescue and unrescue of an instance's guest: the guest forced off and its rescue domain started under the same
 * name and UUID, then its own definition defined and started again. The rescue files and the kept definition are
 * {@link LibvirtRescue}'s.
 */
final class RescueBoots {

    private static final Logger LOG = Logger.getLogger(RescueBoots.class);

    private final InstanceCalls calls;

    private final HostDescription hostDescription;

    private final InstanceStorage storage;

    private final LibvirtRescue rescues;

    private final GuestPower power;

    RescueBoots(InstanceCalls calls, HostDescription hostDescription, InstanceStorage storage, LibvirtRescue rescues,
            GuestPower power) {
        this.calls = calls;
        this.hostDescription = hostDescription;
        this.storage = storage;
        this.rescues = rescues;
        this.power = power;
    }

    /**
     * The rescue files are laid out while the guest still runs (a rescue image that cannot be used leaves it
     * untouched); then the guest is forced off, its inactive definition kept, and the rescue definition, under the
     * same name and UUID, started: a legacy one, or the guest's own with the rescue device added for a stable
     * device rescue ({@link StableDeviceRescue}). A rescue domain that does not start gives way to the guest's own
     * again.
     */
    void rescue(GuestSpec rescue) throws VirtException {
        String id = InstanceCalls.requireId(rescue.instanceId());
        InstanceFiles files = storage.files(id);
        String virtType = hostDescription.virtType().domainType();
        calls.withGuest(id, "The server could not be rescued", domain -> {
            if (LibvirtRescue.isRescued(files)) {
                if (!domain.state().isActive()) {
                    domain.create();
                    power.awaitRunning(domain);
                }
                return;
            }
            LibvirtHost host = calls.host();
            LibvirtRescue.Definition rescueXml = rescues.prepare(rescue, files, virtType, hostDescription.arch(host));
            boolean wasActive = domain.state().isActive();
            power.forceOff(domain);
            String original = domain.xml();
            rescues.keep(files, original);
            try {
                GuestDomain rescued = host.define(rescueXml.from(original));
                rescued.create();
                power.awaitRunning(rescued);
            } catch (LibvirtFailure | VirtException e) {
                LOG.warnf("instance %s: the rescue domain did not start (%s); restoring the server's own", id,
                        e.getMessage());
                restore(host, id, original, wasActive);
                rescues.cleanUp(files);
                throw e;
            }
        });
    }

    private void restore(LibvirtHost host, String id, String originalXml, boolean start) {
        try {
            Optional<GuestDomain> current = InstanceCalls.lookup(host, id);
            if (current.isPresent()) {
                power.forceOff(current.get());
            }
            GuestDomain own = host.define(originalXml);
            if (start) {
                own.create();
            }
        } catch (LibvirtFailure | VirtException e) {
            LOG.errorf("instance %s: its own definition could not be restored after a failed rescue: %s", id,
                    e.getMessage());
        }
    }

    /** The guest's own definition, kept at its rescue, defined and started again; nothing when it is not rescued. */
    void unrescue(String instanceId) throws VirtException {
        String id = InstanceCalls.requireId(instanceId);
        InstanceFiles files = storage.files(id);
        calls.withGuest(id, "The server could not be unrescued", domain -> {
            if (!LibvirtRescue.isRescued(files)) {
                return;
            }
            String original = rescues.original(files);
            power.forceOff(domain);
            GuestDomain own = calls.host().define(original);
            own.create();
            power.awaitRunning(own);
            rescues.cleanUp(files);
        });
    }
}
