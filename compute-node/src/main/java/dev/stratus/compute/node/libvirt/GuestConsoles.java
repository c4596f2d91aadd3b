package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.Graphics;
import dev.stratus.compute.node.libvirt.domain.SerialPort;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A guest's consoles: the VNC display and the TCP serial port QEMU listens on, read from the domain's live XML, and
 * the end of the serial console log in the instance's directory. Read without the instance's lock: nothing changes.
 */
final class GuestConsoles {

    /** The domain of an instance on this host, empty when it has none. */
    @FunctionalInterface
    interface GuestLookup {
        Optional<GuestDomain> find(String instanceId) throws VirtException;
    }

    private final LibvirtSettings settings;

    private final VncSettings vnc;

    private final SerialConsoleSettings serial;

    private final GuestLookup guests;

    GuestConsoles(LibvirtSettings settings, VncSettings vnc, GuestLookup guests) {
        this(settings, vnc, SerialConsoleSettings.OFF, guests);
    }

    GuestConsoles(LibvirtSettings settings, VncSettings vnc, SerialConsoleSettings serial, GuestLookup guests) {
        this.settings = settings;
        this.vnc = vnc;
        this.serial = serial;
        this.guests = guests;
    }

    /**
     * The port QEMU's VNC server took, read from the domain's live XML as Nova's driver reads it, and the address
     * the proxy reaches it at. A domain that does not run has no port: its console is not ready.
     */
    ConsoleEndpoint vnc(String instanceId) throws VirtException {
        try {
            GuestDomain domain = guests.find(instanceId).orElseThrow(() -> new ConsoleUnavailable(
                    ConsoleUnavailable.Reason.NOT_FOUND, "The server does not exist on this host"));
            Graphics display = DomainXmlParser.parse(domain.xml()).devices().vnc().orElseThrow(() ->
                    new ConsoleUnavailable(ConsoleUnavailable.Reason.NO_DISPLAY, "The server has no VNC display"));
            if (!display.listening()) {
                throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_READY,
                        "The server's VNC display does not listen: the server is not running");
            }
            return new ConsoleEndpoint(vnc.proxyClientAddress(), display.port());
        } catch (LibvirtFailure e) {
            if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_FOUND,
                        "The server does not exist on this host");
            }
            throw VirtFailures.of("The server's console could not be read", e);
        } catch (IllegalArgumentException e) {
            throw new VirtException("The server's domain definition could not be read", e);
        }
    }

    /**
     * The TCP port of the guest's first serial port QEMU listens on, read from the domain's XML as Nova's driver reads
     * it, and the address the serial console proxy reaches it at. A domain that does not run does not listen: its
     * console is not ready (a paused one still does, QEMU keeps its socket).
     */
    ConsoleEndpoint serial(String instanceId) throws VirtException {
        try {
            GuestDomain domain = guests.find(instanceId).orElseThrow(() -> new ConsoleUnavailable(
                    ConsoleUnavailable.Reason.NOT_FOUND, "The server does not exist on this host"));
            SerialPort port = DomainXmlParser.parse(domain.xml()).devices().serials().stream()
                    .filter(SerialPort::listensOnTcp).findFirst().orElseThrow(() -> new ConsoleUnavailable(
                            ConsoleUnavailable.Reason.NO_SERIAL_PORT, "The server has no serial port on TCP"));
            if (!domain.state().isActive()) {
                throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_READY,
                        "The server's serial port does not listen: the server is not running");
            }
            return new ConsoleEndpoint(serial.proxyClientAddress(), port.service());
        } catch (LibvirtFailure e) {
            if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_FOUND,
                        "The server does not exist on this host");
            }
            throw VirtFailures.of("The server's console could not be read", e);
        } catch (IllegalArgumentException e) {
            throw new VirtException("The server's domain definition could not be read", e);
        }
    }

    /**
     * The last {@code lines} lines of the console log (all of its last {@code console-max-bytes} when null); empty
     * while the guest has written nothing. Libvirt is asked only when the instance has no directory here.
     */
    String output(String instanceId, Integer lines) throws VirtException {
        InstanceFiles files = InstanceFiles.of(settings.instancesDirectory(), instanceId);
        try {
            if (!Files.isDirectory(files.directory()) && guests.find(instanceId).isEmpty()) {
                throw new VirtException("The server does not exist on this host");
            }
            return ConsoleLog.tail(files.consoleLog(), lines, settings.consoleMaxBytes());
        } catch (IOException e) {
            throw new VirtException("The server's console log could not be read", e);
        }
    }
}
