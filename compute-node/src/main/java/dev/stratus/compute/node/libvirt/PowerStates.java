package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.virt.PowerState;

/** libvirt's states and events in Nova's power states. */
final class PowerStates {

    private PowerStates() {
    }

    /** @param managedSave whether a stopped domain has a managed save image, i.e. was suspended */
    static PowerState of(GuestState state, boolean managedSave) {
        return switch (state) {
            case RUNNING, BLOCKED -> PowerState.RUNNING;
            case PAUSED -> PowerState.PAUSED;
            case SHUTTING_DOWN, SHUTOFF -> managedSave ? PowerState.SUSPENDED : PowerState.SHUTDOWN;
            case CRASHED -> PowerState.CRASHED;
            case PMSUSPENDED -> PowerState.SUSPENDED;
            case NOSTATE -> PowerState.NOSTATE;
        };
    }

    /** The state an event leaves the guest in; null for events that change no power state. */
    static PowerState of(GuestLifecycleChange change) {
        return switch (change.type()) {
            case STARTED, RESUMED -> PowerState.RUNNING;
            case SUSPENDED -> PowerState.PAUSED;
            case STOPPED -> switch (change.detail() == null ? "" : change.detail()) {
                case "SAVED" -> PowerState.SUSPENDED;
                case "CRASHED" -> PowerState.CRASHED;
                default -> PowerState.SHUTDOWN;
            };
            case PMSUSPENDED -> PowerState.SUSPENDED;
            case CRASHED -> PowerState.CRASHED;
            // SHUTDOWN is followed by STOPPED; definitions change no power state
            case SHUTDOWN, DEFINED, UNDEFINED, UNKNOWN -> null;
        };
    }
}
