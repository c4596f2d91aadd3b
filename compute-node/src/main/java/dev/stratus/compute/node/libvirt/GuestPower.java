package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Starting and stopping one domain and waiting until libvirt reports it so: the ACPI power button, pressed
 * again until the guest is off or the time is up, then the forced stop; starts that restore a managed save.
 */
final class GuestPower {

    private static final Logger LOG = Logger.getLogger(GuestPower.class);

    private static final long POLL_MILLIS = 100;

    private final LibvirtSettings settings;

    GuestPower(LibvirtSettings settings) {
        this.settings = settings;
    }

    /** {@code timeoutSeconds} of a call when positive, else the configured shutdown timeout. */
    Duration shutdownTimeout(int timeoutSeconds) {
        return timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : settings.shutdownTimeout();
    }

    /**
     * Stops an active guest: the power button first when {@code graceful} (a paused guest cannot react to it),
     * forced off after {@code timeout} or at once when not graceful. A stopped guest is left alone.
     */
    void stop(String instanceId, GuestDomain domain, boolean graceful, Duration timeout)
            throws LibvirtFailure, VirtException {
        GuestState state = domain.state();
        if (!state.isActive()) {
            return;
        }
        if (graceful && state != GuestState.PAUSED && shutDownGracefully(domain, timeout)) {
            return;
        }
        if (graceful) {
            LOG.infof("instance %s did not power off within %s s: forcing it off", instanceId, timeout.toSeconds());
        }
        forceOff(domain);
    }

    /** Presses the power button, again every retry interval, until the guest is off or the time is up. */
    boolean shutDownGracefully(GuestDomain domain, Duration timeout) throws LibvirtFailure, VirtException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long retry = Math.max(settings.shutdownRetryInterval().toNanos(), 1_000_000);
        long nextPress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            GuestState state = domain.state();
            if (state == GuestState.SHUTOFF) {
                return true;
            }
            if (System.nanoTime() >= nextPress && state != GuestState.SHUTTING_DOWN) {
                try {
                    domain.shutdown();
                } catch (LibvirtFailure e) {
                    if (e.reason() != LibvirtFailure.Reason.INVALID_STATE) {
                        throw e;
                    }
                }
                nextPress = System.nanoTime() + retry;
            }
            sleep(POLL_MILLIS);
        }
        return domain.state() == GuestState.SHUTOFF;
    }

    /** Pulls the plug and waits until libvirt reports the guest off; a guest already off is fine. */
    void forceOff(GuestDomain domain) throws LibvirtFailure, VirtException {
        try {
            domain.destroy();
        } catch (LibvirtFailure e) {
            if (e.reason() != LibvirtFailure.Reason.INVALID_STATE) {
                throw e;
            }
        }
        awaitState(domain, GuestState.SHUTOFF, settings.startTimeout());
    }

    /** Starts a stopped domain and waits until it runs. */
    void start(GuestDomain domain) throws LibvirtFailure, VirtException {
        domain.create();
        awaitRunning(domain);
    }

    /**
     * Starts the domain, restoring its managed save when it has one. QEMU restores a guest saved while
     * paused as paused, where it would wait for a running state that never comes: it is unpaused.
     */
    void startOrRestore(GuestDomain domain) throws LibvirtFailure, VirtException {
        boolean restoring = domain.hasManagedSave();
        domain.create();
        if (restoring && domain.state() == GuestState.PAUSED) {
            domain.unpause();
        }
        awaitRunning(domain);
    }

    void awaitRunning(GuestDomain domain) throws LibvirtFailure, VirtException {
        awaitState(domain, GuestState.RUNNING, settings.startTimeout());
    }

    /** Polls the domain's state until it is {@code wanted} (blocked counts as running). */
    void awaitState(GuestDomain domain, GuestState wanted, Duration timeout) throws LibvirtFailure, VirtException {
        long deadline = System.nanoTime() + timeout.toNanos();
        GuestState state = domain.state();
        while (state != wanted && !(wanted == GuestState.RUNNING && state == GuestState.BLOCKED)) {
            if (System.nanoTime() > deadline) {
                throw new VirtException("The server did not reach the state " + wanted.name().toLowerCase()
                        + " within " + timeout.toSeconds() + " s (it is " + state.name().toLowerCase() + ")");
            }
            sleep(POLL_MILLIS);
            state = domain.state();
        }
    }

    private static void sleep(long millis) throws VirtException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException("The operation was interrupted");
        }
    }
}
