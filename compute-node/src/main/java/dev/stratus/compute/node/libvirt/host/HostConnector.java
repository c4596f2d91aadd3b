package dev.stratus.compute.node.libvirt.host;

/** Opens a connection to a libvirt URI; the driver calls it on first use, never at construction. */
@FunctionalInterface
public interface HostConnector {

    LibvirtHost open(String uri) throws LibvirtFailure;
}
