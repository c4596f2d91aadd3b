package dev.stratus.compute.node.libvirt.host;

import jakarta.enterprise.context.ApplicationScoped;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Opens real libvirt connections through libvirt-java. Loading the native library happens here, on the first
 * {@link #open}, so a node running another driver never touches libvirt.
 */
@ApplicationScoped
public class NativeHostConnector implements HostConnector {

    @Override
    public LibvirtHost open(String uri) throws LibvirtFailure {
        try {
            LibvirtErrors.installLogCallback();
            LibvirtEventLoop.ensureRunning();
            return new NativeLibvirtHost(new Connect(uri));
        } catch (LibvirtException e) {
            LibvirtFailure failure = LibvirtErrors.translate("cannot connect to " + uri, e);
            throw new LibvirtFailure(LibvirtFailure.Reason.NO_CONNECTION, failure.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new LibvirtFailure(LibvirtFailure.Reason.NO_CONNECTION,
                    "the libvirt client library (libvirt.so.0) is not installed: " + e.getMessage(), e);
        }
    }
}
