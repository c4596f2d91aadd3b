package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.VirtException;

/** What a node reports when libvirt refuses a call: an unreachable hypervisor as such, else libvirt's own words. */
final class VirtFailures {

    private VirtFailures() {
    }

    static VirtException of(String message, LibvirtFailure cause) {
        if (cause.reason() == LibvirtFailure.Reason.NO_CONNECTION) {
            return new VirtException("The hypervisor on this host is not reachable", cause);
        }
        // libvirt's own words say what to fix (a missing file, a device QEMU refused): keep them.
        String detail = cause.getMessage();
        return new VirtException(detail == null || detail.isBlank() ? message : message + ": " + detail, cause);
    }
}
