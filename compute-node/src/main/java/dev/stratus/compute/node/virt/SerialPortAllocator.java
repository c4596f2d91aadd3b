package dev.stratus.compute.node.virt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * The TCP ports of guests' serial consoles on one address, as Nova's {@code nova.console.serial}: a port is given
 * to one owner (a guest on a host) at a time, taken from {@link SerialConsoleSettings}' range in order, skipping
 * ports another owner holds, ports the caller knows to be used (another domain's definition) and ports that cannot
 * be bound on the address now (another process listens there). One allocator serves every host of a process that
 * shares the address, so two simulated hosts never get the same port.
 */
public final class SerialPortAllocator {

    private final SerialConsoleSettings settings;
    private final Map<String, Integer> held = new HashMap<>();

    public SerialPortAllocator(SerialConsoleSettings settings) {
        this.settings = settings;
    }

    public SerialConsoleSettings settings() {
        return settings;
    }

    public String address() {
        return settings.proxyClientAddress();
    }

    /**
     * The first free port of the range for {@code owner}, which gives up the one it held.
     *
     * @param taken ports used outside this allocator's knowledge (other guests' definitions)
     * @throws VirtException when every port of the range is used
     */
    public synchronized int acquire(String owner, IntPredicate taken) throws VirtException {
        held.remove(owner);
        for (int port = settings.start(); port < settings.stop(); port++) {
            if (!held.containsValue(port) && !taken.test(port) && bindable(settings.proxyClientAddress(), port)) {
                held.put(owner, port);
                return port;
            }
        }
        throw new VirtException("No free TCP port for a serial console on " + settings.proxyClientAddress()
                + " in the range " + settings.portRange());
    }

    /**
     * Keeps {@code port} for {@code owner} when it is still its to use: no other owner holds it, it is not
     * {@code taken}, and it can be bound now unless the owner's guest {@code listens} on it already.
     *
     * @return whether the owner holds the port now
     */
    public synchronized boolean keep(String owner, int port, IntPredicate taken, boolean listens) {
        Integer current = held.get(owner);
        boolean heldByOther = (current == null || current != port) && held.containsValue(port);
        if (port < 1 || port > 65535 || heldByOther || taken.test(port)
                || !listens && !bindable(settings.proxyClientAddress(), port)) {
            return false;
        }
        held.put(owner, port);
        return true;
    }

    /** The port {@code owner} holds, if any. */
    public synchronized OptionalInt held(String owner) {
        Integer port = held.get(owner);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Whether a port is held by an owner other than {@code owner}. */
    public synchronized boolean heldByOther(String owner, int port) {
        Integer own = held.get(owner);
        return (own == null || own != port) && held.containsValue(port);
    }

    /** The owner's port is free again. */
    public synchronized void release(String owner) {
        held.remove(owner);
    }

    /** Whether a listener could bind {@code address}:{@code port} now, as Nova's {@code _verify_port}. */
    public static boolean bindable(String address, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
