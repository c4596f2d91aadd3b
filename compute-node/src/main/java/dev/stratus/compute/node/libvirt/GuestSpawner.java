package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.file.Files;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Spawns an instance's guest (its files laid out, its domain defined and started, the steps timed) and destroys
 * it (its domain stopped and undefined, its files removed). A failed spawn takes back what it made; a repeated
 * one finishes what the first left.
 */
final class GuestSpawner {

    private static final Logger LOG = Logger.getLogger(GuestSpawner.class);

    private final InstanceCalls calls;

    private final HostDescription hostDescription;

    private final InstanceStorage storage;

    private final DomainBuilder domains;

    private final GuestPower power;

    private volatile SpawnTimings lastSpawn;

    GuestSpawner(InstanceCalls calls, HostDescription hostDescription, InstanceStorage storage,
            DomainBuilder domains, GuestPower power) {
        this.calls = calls;
        this.hostDescription = hostDescription;
        this.storage = storage;
        this.domains = domains;
        this.power = power;
    }

    void spawn(GuestSpec guest) throws VirtException {
        String id = InstanceCalls.requireId(guest.instanceId());
        synchronized (calls.lockFor(id)) {
            long started = System.nanoTime();
            LibvirtHost host = calls.host();
            Optional<GuestDomain> existing = InstanceCalls.lookup(host, id);
            if (existing.isPresent()) {
                finishExisting(id, existing.get());
                return;
            }
            String virtType = hostDescription.virtType().domainType();
            InstanceFiles files = storage.files(id);
            boolean newDirectory = !Files.isDirectory(files.directory());
            GuestDomain domain = null;
            try {
                long prepare = System.nanoTime();
                storage.prepare(guest, files);
                String xml = DomainXmlWriter.write(domains.build(guest, files, virtType, hostDescription.arch(host)));
                long define = System.nanoTime();
                domain = host.define(xml);
                long start = System.nanoTime();
                domain.create();
                power.awaitRunning(domain);
                long end = System.nanoTime();
                lastSpawn = new SpawnTimings(id, virtType, ms(end - started), ms(define - prepare),
                        ms(start - define), ms(end - start));
                LOG.debugf("spawned %s: %s", id, lastSpawn);
            } catch (LibvirtFailure e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw VirtFailures.of("The hypervisor could not start the server", e);
            } catch (VirtException e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw e;
            } catch (IllegalArgumentException e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw new VirtException("The server's definition is invalid: " + e.getMessage(), e);
            }
        }
    }

    /** A repeated spawn: a running, paused or suspended guest is left alone; a defined one is started. */
    private void finishExisting(String id, GuestDomain domain) throws VirtException {
        try {
            if (domain.state() == GuestState.SHUTOFF && !domain.hasManagedSave()) {
                LOG.infof("instance %s was defined but not running: starting it", id);
                domain.create();
                power.awaitRunning(domain);
            }
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor could not start the server", e);
        }
    }

    private void cleanUpFailedSpawn(String id, GuestDomain domain, InstanceFiles files, boolean newDirectory) {
        if (domain != null) {
            try {
                stopAndUndefine(domain);
            } catch (LibvirtFailure e) {
                LOG.warnf("instance %s: could not remove the domain of a failed spawn: %s", id, e.getMessage());
            }
        }
        if (newDirectory) {
            storage.removeAfterFailedSpawn(id, files);
        }
    }

    /** The timings of the last successful spawn that defined a domain, for measurements. */
    SpawnTimings lastSpawnTimings() {
        return lastSpawn;
    }

    void destroy(String instanceId) throws VirtException {
        String id = InstanceCalls.requireId(instanceId);
        synchronized (calls.lockFor(id)) {
            try {
                Optional<GuestDomain> domain = InstanceCalls.lookup(calls.host(), id);
                if (domain.isPresent()) {
                    stopAndUndefine(domain.get());
                }
            } catch (LibvirtFailure e) {
                throw VirtFailures.of("The hypervisor could not delete the server", e);
            }
            storage.remove(id);
        }
        calls.forget(id);
    }

    private static void stopAndUndefine(GuestDomain domain) throws LibvirtFailure {
        try {
            if (domain.state().isActive()) {
                domain.destroy();
            }
            domain.undefine();
        } catch (LibvirtFailure e) {
            // gone meanwhile (or stopped between state and destroy): what we wanted
            if (e.reason() != LibvirtFailure.Reason.NO_DOMAIN) {
                if (e.reason() != LibvirtFailure.Reason.INVALID_STATE) {
                    throw e;
                }
                domain.undefine();
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
