package dev.stratus.compute.node.fake;

import dev.stratus.common.console.FakeSerialPort;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The serial ports of one fake host's guests: each guest on the host holds a port of the range for as long as it is
 * here (a libvirt domain keeps the port in its definition), and while it runs or is paused a {@link FakeSerialPort}
 * listens there, echoing while it runs, as QEMU keeps a paused guest's socket. A stopped guest's listener is closed;
 * when it starts again it listens on its port again, or on a new one when another process took it meanwhile. The
 * ports come from the process's one {@link SerialPortAllocator}, so guests of different simulated hosts (a live
 * migration's source and destination among them) never share one. Without an allocator the host's guests have no
 * serial ports: the calls that follow them do nothing.
 */
final class FakeSerialConsoles implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FakeSerialConsoles.class);

    /** Attempts to bind a port that another process takes between the check and the bind. */
    private static final int BIND_ATTEMPTS = 5;

    private final String host;
    /** Null: no serial consoles. */
    private final SerialPortAllocator ports;
    private final Map<String, FakeSerialPort> listeners = new HashMap<>();
    /** The guests of this host that hold a port. */
    private final Set<String> holders = new HashSet<>();

    /** @param ports the process's serial console ports; null: the guests have no serial consoles */
    FakeSerialConsoles(String host, SerialPortAllocator ports) {
        this.host = host;
        this.ports = ports;
    }

    boolean enabled() {
        return ports != null;
    }

    private String owner(String instanceId) {
        return host + "/" + instanceId;
    }

    /**
     * Makes the guest's serial port follow its state: listening and echoing when running, listening and silent when
     * paused, closed in any other state ({@link #forget} when the guest is gone).
     *
     * @throws VirtException when a guest that starts finds no free port in the range
     */
    synchronized void follow(String instanceId, PowerState state) throws VirtException {
        if (ports == null) {
            return;
        }
        if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
            closeListener(instanceId);
            return;
        }
        String owner = owner(instanceId);
        FakeSerialPort listener = listeners.get(instanceId);
        if (listener == null || !listener.isOpen()) {
            listener = listen(instanceId, owner);
            holders.add(instanceId);
            listeners.put(instanceId, listener);
        }
        if (state == PowerState.PAUSED) {
            listener.hold();
        } else {
            listener.release();
        }
    }

    /** The guest left this host: its listener closes and its port is given back. */
    synchronized void forget(String instanceId) {
        if (ports == null) {
            return;
        }
        closeListener(instanceId);
        ports.release(owner(instanceId));
        holders.remove(instanceId);
    }

    private void closeListener(String instanceId) {
        FakeSerialPort listener = listeners.remove(instanceId);
        if (listener != null) {
            listener.close();
        }
    }

    private FakeSerialPort listen(String instanceId, String owner) throws VirtException {
        OptionalInt kept = ports.held(owner);
        int port = kept.isPresent() && ports.keep(owner, kept.getAsInt(), p -> false, false) ? kept.getAsInt()
                : ports.acquire(owner, p -> false);
        for (int attempt = 1; ; attempt++) {
            try {
                return FakeSerialPort.start(ports.address(), port, "fake-serial-" + host + "-" + instanceId);
            } catch (IOException e) {
                if (attempt == BIND_ATTEMPTS) {
                    ports.release(owner);
                    throw new VirtException("The fake guest's serial port could not listen on " + ports.address()
                            + ":" + port + ": " + e.getMessage(), e);
                }
                LOG.debugf("port %d was taken before the fake serial port bound it: %s", port, e.getMessage());
                int taken = port;
                port = ports.acquire(owner, p -> p == taken);
            }
        }
    }

    /** Where the guest's serial port listens; {@code state} is the guest's, null when it is not on this host. */
    synchronized ConsoleEndpoint endpoint(String instanceId, PowerState state) throws ConsoleUnavailable {
        if (state == null) {
            throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_FOUND, "The server does not exist on this host");
        }
        if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
            throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_READY,
                    "The server is " + state.novaName() + ": its serial console does not listen");
        }
        FakeSerialPort listener = listeners.get(instanceId);
        if (listener == null || !listener.isOpen()) {
            throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NO_SERIAL_PORT,
                    "The server has no serial port on TCP");
        }
        return new ConsoleEndpoint(ports.address(), listener.port());
    }

    /** Closes every listener and gives every port back (the host goes away). */
    @Override
    public synchronized void close() {
        if (ports == null) {
            return;
        }
        listeners.values().forEach(FakeSerialPort::close);
        listeners.clear();
        holders.forEach(instanceId -> ports.release(owner(instanceId)));
        holders.clear();
    }
}
