package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.HostConnector;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The driver's one connection, opened on first use and opened again when libvirtd went away (restarted,
 * upgraded), with the lifecycle listener registered on each new connection.
 */
final class HostSession {

    private static final Logger LOG = Logger.getLogger(HostSession.class);

    private final String uri;

    private final HostConnector connector;

    private final Consumer<GuestLifecycleChange> events;

    private LibvirtHost host;

    HostSession(String uri, HostConnector connector, Consumer<GuestLifecycleChange> events) {
        this.uri = uri;
        this.connector = connector;
        this.events = events;
    }

    synchronized LibvirtHost host() throws LibvirtFailure {
        if (host != null && host.isAlive()) {
            return host;
        }
        if (host != null) {
            LOG.warnf("the connection to %s was lost: reconnecting", uri);
            host.close();
            host = null;
        }
        LibvirtHost opened = connector.open(uri);
        try {
            opened.onLifecycleChange(events);
        } catch (LibvirtFailure e) {
            LOG.warnf("no lifecycle events from %s: %s", uri, e.getMessage());
        }
        LOG.infof("connected to %s", uri);
        host = opened;
        return host;
    }

    synchronized boolean isOpen() {
        return host != null;
    }

    synchronized void close() {
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
