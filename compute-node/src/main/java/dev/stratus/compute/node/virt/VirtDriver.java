package dev.stratus.compute.node.virt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.GuestDiagnostics;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a compute node asks of a hypervisor. Two implementations, chosen by {@code stratus.compute.driver}:
 * {@code libvirt} (real QEMU/KVM domains) and {@code fake} (in memory, with fault injection). Calls block
 * and are made from worker threads, never from an event loop. Every call is safe to repeat: spawning a
 * guest that exists leaves it as it is, destroying one that does not exist does nothing.
 */
public interface VirtDriver {

    /** The configuration name of this driver: {@code libvirt} or {@code fake}. */
    String name();

    DriverCapabilities capabilities();

    /** The host's capacity and hypervisor identity, measured (libvirt) or configured (fake). */
    HostInventory hostInventory();

    /** Defines and starts the guest. Returns when the hypervisor reports it running. */
    void spawn(GuestSpec guest) throws VirtException;

    /** Stops the guest if it runs and removes it with its disks and config drive. */
    void destroy(String instanceId) throws VirtException;

    /** Starts a stopped guest. */
    void powerOn(String instanceId) throws VirtException;

    /**
     * Stops the guest: ACPI shutdown first when {@code graceful}, forced off after
     * {@code timeoutSeconds} or at once when not graceful.
     */
    void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException;

    void reboot(String instanceId, boolean hard) throws VirtException;

    void pause(String instanceId) throws VirtException;

    void unpause(String instanceId) throws VirtException;

    /** Saves the guest's memory to disk and stops it (libvirt managed save). */
    void suspend(String instanceId) throws VirtException;

    void resume(String instanceId) throws VirtException;

    /**
     * Writes the guest's root disk, flattened into one qcow2 file without a backing file, to {@code target}.
     * A running guest is paused meanwhile and runs on afterwards.
     */
    void snapshot(String instanceId, Path target) throws VirtException;

    /**
     * Boots the guest from a fresh disk of the rescue image ({@code rescue}'s boot image, kernel and config
     * drive) with its own root disk attached as the second disk, on the same NICs. When the rescue image has
     * {@code hw_rescue_device} or {@code hw_rescue_bus} (Nova's stable device rescue), the guest keeps all its
     * own disks in their places instead and the rescue disk is one more device, of that type on that bus, booted
     * first; a driver that has no such devices (the fake) rescues it as any other. The guest's own definition is
     * kept until {@link #unrescue}. Rescuing a rescued guest leaves it as it is.
     */
    void rescue(GuestSpec rescue) throws VirtException;

    /** Boots the guest from its own disks again and drops the rescue disk; a guest not rescued is left alone. */
    void unrescue(String instanceId) throws VirtException;

    /**
     * First half of a cold move, on the source host: stops the guest (gracefully first, forced after
     * {@code timeoutSeconds}) and makes its disks ready for the destination, keeping what a revert needs. A
     * driver refuses, before it stops anything, a move it cannot make (to another host without
     * {@link DriverCapabilities#movesBetweenHosts}, or a root disk smaller than the guest's).
     */
    void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost, FlavorSpec newFlavor,
            int timeoutSeconds) throws VirtException;

    /**
     * Second half, on the destination: defines the guest with {@code guest}'s (new) flavor on the moved disks,
     * growing the root disk to the flavor's size, and starts it when {@code powerOn}.
     */
    void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException;

    /**
     * The move was confirmed; on the source host: drops what was kept for a revert (on the same host the copy of
     * the old disks, on another host the stopped guest with its files).
     */
    void confirmMigration(String instanceId, boolean sameHost) throws VirtException;

    /**
     * A revert, on the destination: removes the moved guest (on another host with its files; on the same host
     * only the resized guest, so that {@link #finishRevertMigration} finds the kept disks).
     */
    void revertMigration(String instanceId, boolean sameHost) throws VirtException;

    /**
     * A revert, on the source host: brings the guest back with its old flavor on its kept disks, started when
     * {@code powerOn}.
     */
    void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException;

    /**
     * A live migration, on the source host: copies the running (or paused) guest to {@code destHost}; the guest
     * runs on here until {@link #cleanUpLiveMigrationSource}. A driver refuses, before it changes anything, a
     * migration it cannot make. By default a driver cannot live-migrate.
     */
    default void liveMigration(String instanceId, String destHost) throws VirtException {
        throw new VirtException("The " + name() + " driver cannot live-migrate a server to another host"
                + " (destination " + destHost + ")");
    }

    /**
     * A live migration, on the destination: the guest runs here from now on, in {@code state} (running or
     * paused, as it was on the source).
     */
    default void finishLiveMigration(GuestSpec guest, PowerState state) throws VirtException {
        throw new VirtException("The " + name() + " driver cannot receive a live-migrated server");
    }

    /** A live migration, on the destination: what a failed migration left here goes. */
    default void rollBackLiveMigrationAtDestination(String instanceId) throws VirtException {
        destroy(instanceId);
    }

    /**
     * A live migration completed, on the source host: the guest's copy here goes, without a lifecycle event
     * (the guest lives on at the destination).
     */
    default void cleanUpLiveMigrationSource(String instanceId) throws VirtException {
        destroy(instanceId);
    }

    /**
     * Sets the guest's administrator password (Nova's {@code set_admin_password}), through a guest agent.
     *
     * @throws PasswordNotSettable when this guest or driver has no way to set it; the message says why
     */
    void setAdminPassword(String instanceId, String password) throws VirtException;

    /**
     * Plugs one more NIC into the guest (Nova's {@code attach_interface}): into the running guest and its
     * definition, or only into the definition of a stopped one. Plugging a NIC the guest has (same MAC) does
     * nothing. By default a driver cannot.
     *
     * @throws InterfaceNotSupported when this driver or the guest's state does not allow it
     */
    default void attachInterface(String instanceId, GuestSpec.GuestNic nic) throws VirtException {
        throw new InterfaceNotSupported("The " + name() + " driver cannot attach interfaces");
    }

    /**
     * Unplugs the guest's NIC with this MAC, as {@link #attachInterface} plugged it; a NIC the guest does not
     * have is left alone. By default a driver cannot.
     *
     * @throws InterfaceNotSupported when this driver or the guest's state does not allow it
     */
    default void detachInterface(String instanceId, String macAddress) throws VirtException {
        throw new InterfaceNotSupported("The " + name() + " driver cannot detach interfaces");
    }

    /** The guest's state as the hypervisor sees it; {@link PowerState#NOSTATE} when unknown. */
    PowerState powerState(String instanceId);

    /** Every guest this driver manages on the host, by instance id. */
    Map<String, PowerState> listGuests();

    /** The serial console log, the last {@code lines} lines when not null. */
    String consoleOutput(String instanceId, Integer lines) throws VirtException;

    /**
     * What the hypervisor measures of a running guest (Nova's {@code get_instance_diagnostics}), without its
     * uptime, which the caller counts from the server's launch. A driver that cannot tell keeps this default.
     *
     * @throws DiagnosticsNotSupported when this driver reports no diagnostics
     */
    default GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        throw new DiagnosticsNotSupported("The " + name() + " driver does not report diagnostics");
    }

    /**
     * Where the guest's VNC server is reached from the console proxy (Nova's {@code get_vnc_console}). A driver
     * without consoles keeps this default.
     *
     * @throws ConsoleUnavailable when the guest is not here, not running, has no display, or the driver has none
     */
    default ConsoleEndpoint vncConsole(String instanceId) throws VirtException {
        throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_SUPPORTED,
                "The " + name() + " driver has no consoles");
    }

    /**
     * Where the TCP end of the guest's first serial port is reached from the serial console proxy (Nova's
     * {@code get_serial_console}). A driver without consoles keeps this default.
     *
     * @throws ConsoleUnavailable when the guest is not here, not running, has no serial port on TCP, or the driver
     *     has no consoles
     */
    default ConsoleEndpoint serialConsole(String instanceId) throws VirtException {
        throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_SUPPORTED,
                "The " + name() + " driver has no consoles");
    }

    /** Called from the driver's own thread whenever a guest changes state outside a call. */
    void onLifecycleEvent(Consumer<LifecycleEvent> listener);

    /** The host's uptime line (os-hypervisors' uptime), or null when this driver cannot tell. */
    default String hostUptime() {
        return null;
    }
}
