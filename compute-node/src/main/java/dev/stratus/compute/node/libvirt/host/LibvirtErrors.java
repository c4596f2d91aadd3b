package dev.stratus.compute.node.libvirt.host;

import com.sun.jna.Pointer;
import org.jboss.logging.Logger;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * Turns libvirt's errors into {@link LibvirtFailure}s, and routes the copy libvirt would print on stderr
 * ("libvirt: QEMU Driver error : Domain not found ...", expected when a guest vanishes during a call) to the
 * log at debug level: the exception thrown to the caller carries the same error.
 */
final class LibvirtErrors {

    private static final Logger LOG = Logger.getLogger(LibvirtErrors.class);

    /** Held here so JNA's callback stays reachable for as long as libvirt may call it. */
    private static final Libvirt.VirErrorCallback TO_LOG = LibvirtErrors::log;

    private static volatile boolean installed;

    private LibvirtErrors() {
    }

    static synchronized void installLogCallback() throws LibvirtException {
        if (!installed) {
            org.libvirt.Connect.setErrorCallback(TO_LOG);
            installed = true;
        }
    }

    private static void log(Pointer userData, virError error) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("libvirt error %d: %s", error.code, error.message);
        }
    }

    static LibvirtFailure translate(String what, LibvirtException e) {
        Error error = e.getError();
        Error.ErrorNumber code = error == null ? null : error.getCode();
        LibvirtFailure.Reason reason;
        if (code == null) {
            reason = LibvirtFailure.Reason.OTHER;
        } else {
            reason = switch (code) {
                case VIR_ERR_NO_DOMAIN -> LibvirtFailure.Reason.NO_DOMAIN;
                case VIR_ERR_OPERATION_INVALID -> LibvirtFailure.Reason.INVALID_STATE;
                case VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN, VIR_ERR_RPC, VIR_ERR_AUTH_FAILED,
                        VIR_ERR_AUTH_CANCELLED -> LibvirtFailure.Reason.NO_CONNECTION;
                default -> LibvirtFailure.Reason.OTHER;
            };
        }
        String message = error == null || error.getMessage() == null ? e.getMessage() : error.getMessage();
        return new LibvirtFailure(reason, what + ": " + message, e);
    }
}
