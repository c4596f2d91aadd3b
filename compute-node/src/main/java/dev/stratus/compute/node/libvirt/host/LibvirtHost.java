package dev.stratus.compute.node.libvirt.host;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The seam between the driver and a libvirt connection: everything the driver asks of the host. The real
 * implementation is {@link NativeLibvirtHost}; driver tests use an in-memory one.
 */
public interface LibvirtHost extends AutoCloseable {

    /** Defines (or redefines) a persistent domain from its XML. */
    GuestDomain define(String domainXml) throws LibvirtFailure;

    Optional<GuestDomain> lookupByUuid(String uuid) throws LibvirtFailure;

    Optional<GuestDomain> lookupByName(String name) throws LibvirtFailure;

    /** Every domain, running or only defined. */
    List<GuestDomain> listAll() throws LibvirtFailure;

    /** {@code virConnectGetCapabilities}: the host CPU and the guest types the hypervisor supports. */
    String capabilitiesXml() throws LibvirtFailure;

    HostNodeInfo nodeInfo() throws LibvirtFailure;

    String hostname() throws LibvirtFailure;

    /** The hypervisor's version in libvirt's encoding (QEMU 7.2.22 is 7002022). */
    long hypervisorVersion() throws LibvirtFailure;

    /** libvirt's own version in the same encoding. */
    long libvirtVersion() throws LibvirtFailure;

    /** False once the daemon went away: the caller opens a new connection. */
    boolean isAlive();

    /** Receives every domain lifecycle event, on a thread of the host's own. */
    void onLifecycleChange(Consumer<GuestLifecycleChange> listener) throws LibvirtFailure;

    @Override
    void close();
}
