package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.VirtException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the driver's calls reach one instance: its id checked, its lock held (calls on one instance are serialised,
 * calls on different instances run in parallel over the one shared connection), its domain looked up, and
 * libvirt's refusals turned into {@link VirtException}s that say what failed.
 */
final class InstanceCalls {

    /** A call on an instance's domain, which exists. */
    @FunctionalInterface
    interface GuestCall {
        void run(GuestDomain domain) throws LibvirtFailure, VirtException;
    }

    /** A call on an instance, with its domain when it has one. */
    @FunctionalInterface
    interface InstanceCall {
        void run(LibvirtHost host, Optional<GuestDomain> domain) throws LibvirtFailure, VirtException;
    }

    private final HostSession session;

    private final Map<String, Object> instanceLocks = new ConcurrentHashMap<>();

    InstanceCalls(HostSession session) {
        this.session = session;
    }

    /** Under the instance's lock, with its domain: an instance without one does not exist on this host. */
    void withGuest(String instanceId, String whatFailed, GuestCall call) throws VirtException {
        withInstance(instanceId, whatFailed, (host, domain) -> call.run(
                domain.orElseThrow(() -> new VirtException("The server does not exist on this host"))));
    }

    /** Under the instance's lock, with its domain when it has one. */
    void withInstance(String instanceId, String whatFailed, InstanceCall call) throws VirtException {
        String id = requireId(instanceId);
        synchronized (lockFor(id)) {
            try {
                LibvirtHost host = host();
                call.run(host, lookup(host, id));
            } catch (LibvirtFailure e) {
                if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                    throw new VirtException("The server does not exist on this host", e);
                }
                throw VirtFailures.of(whatFailed, e);
            }
        }
    }

    /** The lock that serialises the calls on one instance. */
    Object lockFor(String instanceId) {
        return instanceLocks.computeIfAbsent(instanceId, k -> new Object());
    }

    /** Drops the lock of an instance that is gone. */
    void forget(String instanceId) {
        instanceLocks.remove(instanceId);
    }

    LibvirtHost host() throws VirtException {
        try {
            return session.host();
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host is not reachable", e);
        }
    }

    /** The instance's domain on this host, without its lock. */
    Optional<GuestDomain> find(String instanceId) throws VirtException {
        return lookup(host(), instanceId);
    }

    static Optional<GuestDomain> lookup(LibvirtHost host, String instanceId) throws VirtException {
        try {
            return host.lookupByName(DomainBuilder.domainName(instanceId));
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host did not answer", e);
        }
    }

    static String requireId(String instanceId) throws VirtException {
        if (!InstanceFiles.isSafeId(instanceId)) {
            throw new VirtException("Invalid server id");
        }
        return instanceId;
    }
}
