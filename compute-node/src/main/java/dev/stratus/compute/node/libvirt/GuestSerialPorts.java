package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.SerialPortXml;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import dev.stratus.compute.node.virt.VirtException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * With serial consoles on, the TCP port each guest's first serial port listens on: the one it has when that is still
 * its to use, else a new one of the range ({@link SerialPortAllocator}). A port is used when another domain of the
 * host has it in its definition (read from libvirt, so a restarted node knows them, and so does a stopped guest's
 * port, which nothing listens on), when another guest of this node was given it and is not defined yet, or when it
 * cannot be bound (another process listens there). Decided under one lock, so two guests defined at once never get
 * the same port. Ports are held by domain name and given back when the domain is undefined.
 */
final class GuestSerialPorts {

    private static final Logger LOG = Logger.getLogger(GuestSerialPorts.class);

    private final SerialPortAllocator ports;

    GuestSerialPorts(SerialPortAllocator ports) {
        this.ports = ports;
    }

    /**
     * The XML to define: one of ours with its first serial port on TCP, on the port it names or its domain has when
     * still valid, else on a new one. Another domain's XML (not named as ours) is left alone.
     */
    synchronized String definable(LibvirtHost host, String xml) throws LibvirtFailure, VirtException {
        String name = SerialPortXml.name(xml);
        if (name == null || !name.startsWith(DomainBuilder.NAME_PREFIX)) {
            return xml;
        }
        Optional<GuestDomain> existing = host.lookupByName(name);
        List<Integer> own = SerialPortXml.tcpPorts(xml);
        List<Integer> defined = existing.isPresent() ? SerialPortXml.tcpPorts(existing.get().xml()) : List.of();
        boolean running = existing.isPresent() && existing.get().state().isActive();
        Integer wanted = !own.isEmpty() ? own.get(0) : !defined.isEmpty() ? defined.get(0) : null;
        int port = choose(host, name, wanted, running && !defined.isEmpty() && defined.get(0).equals(wanted));
        return SerialPortXml.listenOnTcp(xml, ports.address(), port);
    }

    /**
     * Before a defined guest starts from its definition (power on, hard reboot, start after a resize): when its port
     * was taken meanwhile, the domain is defined again with a new one. A guest restored from its managed save keeps
     * the definition it was saved with.
     */
    synchronized void beforeStart(LibvirtHost host, GuestDomain domain) throws LibvirtFailure, VirtException {
        if (domain.state().isActive() || domain.hasManagedSave()) {
            return;
        }
        String xml = domain.xml();
        String name = SerialPortXml.name(xml);
        List<Integer> defined = SerialPortXml.tcpPorts(xml);
        if (name == null || !name.startsWith(DomainBuilder.NAME_PREFIX)) {
            return;
        }
        int port = choose(host, name, defined.isEmpty() ? null : defined.get(0), false);
        if (defined.isEmpty() || defined.get(0) != port) {
            LOG.infof("%s: its serial console moves to TCP port %d before it starts", name, port);
            host.define(SerialPortXml.listenOnTcp(xml, ports.address(), port));
        }
    }

    /** The domain is gone: its port is free again. */
    synchronized void released(String name) {
        ports.release(name);
    }

    /** Whether the domain holds a port here (for a definition that failed: one it did not hold before goes back). */
    synchronized OptionalInt held(String name) {
        return ports.held(name);
    }

    private int choose(LibvirtHost host, String name, Integer wanted, boolean listens)
            throws LibvirtFailure, VirtException {
        Set<Integer> others = otherDomainsPorts(host, name);
        if (wanted != null && ports.keep(name, wanted, others::contains, listens)) {
            return wanted;
        }
        int port = ports.acquire(name, others::contains);
        if (wanted != null) {
            LOG.infof("%s: TCP port %d of its serial console is used; it takes %d", name, wanted, port);
        }
        return port;
    }

    /** The TCP serial ports in the definitions of the host's other domains. */
    private static Set<Integer> otherDomainsPorts(LibvirtHost host, String name) throws LibvirtFailure {
        Set<Integer> used = new HashSet<>();
        for (GuestDomain domain : host.listAll()) {
            try {
                if (!name.equals(domain.name())) {
                    used.addAll(SerialPortXml.tcpPorts(domain.xml()));
                }
            } catch (LibvirtFailure e) {
                if (e.reason() != LibvirtFailure.Reason.NO_DOMAIN) {
                    throw e;
                }
                // undefined meanwhile: its port is free
            } catch (IllegalArgumentException e) {
                LOG.debugf("a domain's XML could not be read for its serial ports: %s", e.getMessage());
            }
        }
        return used;
    }
}
