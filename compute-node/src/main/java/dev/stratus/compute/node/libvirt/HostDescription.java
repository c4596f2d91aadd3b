package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.HostNodeInfo;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.HostInventory;
import dev.stratus.compute.node.virt.VirtException;

/**
 * What this host is: its capabilities, read from libvirt once, the virt type decided from them, and the
 * inventory the node reports.
 */
final class HostDescription {

    private final LibvirtSettings settings;

    private final HostSession session;

    private final VirtTypeResolver virtTypes;

    private final InstanceStorage storage;

    private volatile HostCapabilities capabilities;

    HostDescription(LibvirtSettings settings, HostSession session, VirtTypeResolver virtTypes,
            InstanceStorage storage) {
        this.settings = settings;
        this.session = session;
        this.virtTypes = virtTypes;
        this.storage = storage;
    }

    /**
     * @throws IllegalStateException when libvirt cannot be reached: the node reports no inventory rather than
     *         a wrong one
     */
    HostInventory inventory() {
        try {
            LibvirtHost host = session.host();
            HostNodeInfo node = host.nodeInfo();
            HostCapabilities caps = capabilitiesUnchecked(host);
            return new HostInventory(host.hostname(), "QEMU", host.hypervisorVersion(), node.cpus(),
                    node.memoryKib() / 1024, storage.totalGb(), caps.cpuInfoJson());
        } catch (LibvirtFailure e) {
            throw new IllegalStateException("libvirt at " + settings.uri() + " cannot describe the host: "
                    + e.getMessage(), e);
        }
    }

    /** The virt type the driver uses on this host, deciding it (and probing KVM) on the first call. */
    VirtTypeResolver.Decision virtType() throws VirtException {
        try {
            LibvirtHost host = session.host();
            return virtTypes.resolve(() -> capabilitiesUnchecked(host));
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host is not reachable", e);
        } catch (IllegalStateException e) {
            throw new VirtException("The hypervisor on this host cannot describe itself", e);
        }
    }

    /** The host's architecture, which the domains made here are for. */
    String arch(LibvirtHost host) throws VirtException {
        try {
            return capabilitiesUnchecked(host).arch();
        } catch (IllegalStateException e) {
            throw new VirtException("The hypervisor on this host cannot describe itself", e);
        }
    }

    private HostCapabilities capabilitiesUnchecked(LibvirtHost host) {
        HostCapabilities known = capabilities;
        if (known == null) {
            try {
                known = HostCapabilities.parse(host.capabilitiesXml());
            } catch (LibvirtFailure | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read the host capabilities: " + e.getMessage(), e);
            }
            capabilities = known;
        }
        return known;
    }
}
