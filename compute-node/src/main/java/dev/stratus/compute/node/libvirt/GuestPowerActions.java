package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The power actions on an instance's guest (power on and off, soft and hard reboot, pause, suspend and their
 * undoing): which states each one takes, leaves alone or refuses, each under the instance's lock. Starting,
 * stopping and waiting are {@link GuestPower}'s.
 */
final class GuestPowerActions {

    private static final Logger LOG = Logger.getLogger(GuestPowerActions.class);

    private final LibvirtSettings settings;

    private final InstanceCalls calls;

    private final GuestPower power;

    GuestPowerActions(LibvirtSettings settings, InstanceCalls calls, GuestPower power) {
        this.settings = settings;
        this.calls = calls;
        this.power = power;
    }

    void powerOn(String instanceId) throws VirtException {
        calls.withGuest(instanceId, "The server could not be started", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.CRASHED) {
                domain.destroy();
                state = GuestState.SHUTOFF;
            }
            if (state == GuestState.SHUTOFF) {
                power.startOrRestore(domain);
            }
        });
    }

    void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException {
        Duration timeout = power.shutdownTimeout(timeoutSeconds);
        calls.withGuest(instanceId, "The server could not be stopped",
                domain -> power.stop(instanceId, domain, graceful, timeout));
    }

    void reboot(String instanceId, boolean hard) throws VirtException {
        calls.withGuest(instanceId, "The server could not be rebooted", domain -> {
            GuestState state = domain.state();
            if (!hard && state.isRunning()) {
                if (power.shutDownGracefully(domain, settings.rebootTimeout())) {
                    domain.create();
                    power.awaitRunning(domain);
                    return;
                }
                LOG.infof("instance %s did not shut down within %s s for a soft reboot: rebooting it hard",
                        instanceId, settings.rebootTimeout().toSeconds());
            }
            if (domain.state().isActive()) {
                power.forceOff(domain);
            }
            if (domain.hasManagedSave()) {
                domain.discardManagedSave();
            }
            domain.create();
            power.awaitRunning(domain);
        });
    }

    void pause(String instanceId) throws VirtException {
        calls.withGuest(instanceId, "The server could not be paused", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.PAUSED) {
                return;
            }
            requireRunning(state, "paused");
            domain.pause();
        });
    }

    void unpause(String instanceId) throws VirtException {
        unlessRunning(instanceId, "The server could not be unpaused", (domain, state) -> {
            if (state != GuestState.PAUSED) {
                throw new VirtException("The server is not paused");
            }
            domain.unpause();
        });
    }

    void suspend(String instanceId) throws VirtException {
        calls.withGuest(instanceId, "The server could not be suspended", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.SHUTOFF && domain.hasManagedSave()) {
                return;
            }
            if (state != GuestState.PAUSED) {
                requireRunning(state, "suspended");
            }
            domain.managedSave();
        });
    }

    void resume(String instanceId) throws VirtException {
        unlessRunning(instanceId, "The server could not be resumed", (domain, state) -> {
            if (state != GuestState.SHUTOFF || !domain.hasManagedSave()) {
                throw new VirtException("The server is not suspended");
            }
            power.startOrRestore(domain);
        });
    }

    /** A call on a guest in the state it was found in. */
    @FunctionalInterface
    private interface StateCall {
        void run(GuestDomain domain, GuestState state) throws LibvirtFailure, VirtException;
    }

    /** Unpause and resume: a guest that runs already is left alone, any other is {@code call}'s. */
    private void unlessRunning(String instanceId, String whatFailed, StateCall call) throws VirtException {
        calls.withGuest(instanceId, whatFailed, domain -> {
            GuestState state = domain.state();
            if (!state.isRunning()) {
                call.run(domain, state);
            }
        });
    }

    private static void requireRunning(GuestState state, String action) throws VirtException {
        if (!state.isRunning()) {
            throw new VirtException("The server is not running, so it cannot be " + action);
        }
    }
}
