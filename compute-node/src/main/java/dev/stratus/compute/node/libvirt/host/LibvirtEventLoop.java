package dev.stratus.compute.node.libvirt.host;

import org.jboss.logging.Logger;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, registered once per process before the first connection opens and run on a
 * daemon thread of its own: lifecycle events reach listeners only while it runs.
 */
final class LibvirtEventLoop {

    private static final Logger LOG = Logger.getLogger(LibvirtEventLoop.class);

    private static Thread thread;

    private LibvirtEventLoop() {
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (thread != null) {
            return;
        }
        Library.initEventLoop();
        Thread loop = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        thread = loop;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            LOG.errorf(e, "libvirt's event loop stopped: guest lifecycle events will not arrive");
        }
    }
}
