package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.InstanceAction.Kind;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;

/** What each power action does: its event, the state it ends in, and the driver call. */
enum PowerAction {
    START(Kind.START, ActionEvents.START, VmStates.ACTIVE, PowerState.RUNNING),
    STOP(Kind.STOP, ActionEvents.STOP, VmStates.STOPPED, PowerState.SHUTDOWN),
    REBOOT_SOFT(Kind.REBOOT_SOFT, ActionEvents.REBOOT, VmStates.ACTIVE, PowerState.RUNNING),
    REBOOT_HARD(Kind.REBOOT_HARD, ActionEvents.REBOOT, VmStates.ACTIVE, PowerState.RUNNING),
    PAUSE(Kind.PAUSE, ActionEvents.PAUSE, VmStates.PAUSED, PowerState.PAUSED),
    UNPAUSE(Kind.UNPAUSE, ActionEvents.UNPAUSE, VmStates.ACTIVE, PowerState.RUNNING),
    SUSPEND(Kind.SUSPEND, ActionEvents.SUSPEND, VmStates.SUSPENDED, PowerState.SUSPENDED),
    RESUME(Kind.RESUME, ActionEvents.RESUME, VmStates.ACTIVE, PowerState.RUNNING),
    UNRESCUE(Kind.UNRESCUE, ActionEvents.UNRESCUE, VmStates.ACTIVE, PowerState.RUNNING);

    final Kind kind;
    final String event;
    final String vmState;
    final PowerState powerState;

    PowerAction(Kind kind, String event, String vmState, PowerState powerState) {
        this.kind = kind;
        this.event = event;
        this.vmState = vmState;
        this.powerState = powerState;
    }

    static PowerAction of(Kind kind) {
        for (PowerAction action : values()) {
            if (action.kind == kind) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action " + kind);
    }

    /** Whether the guest is already where the action would take it (a reboot always acts). */
    boolean alreadyDone(String believedVmState, PowerState current) {
        return switch (this) {
            case REBOOT_SOFT, REBOOT_HARD -> false;
            // A rescued guest runs too: only the node's belief tells it is done.
            case UNRESCUE -> !VmStates.RESCUED.equals(believedVmState);
            // A managed-saved guest may show as shut off: the node's belief tells it from a stopped one.
            case SUSPEND -> current == PowerState.SUSPENDED
                    || (VmStates.SUSPENDED.equals(believedVmState) && current != PowerState.RUNNING);
            default -> current == powerState;
        };
    }

    /** Null when the driver can do it, else why not. */
    String unsupportedBy(DriverCapabilities capabilities) {
        return switch (this) {
            case PAUSE, UNPAUSE -> capabilities.supportsPause() ? null : "this host's driver cannot pause guests";
            case SUSPEND, RESUME -> capabilities.supportsSuspend() ? null : "this host's driver cannot suspend guests";
            default -> null;
        };
    }

    void perform(VirtDriver driver, String instanceId, int shutdownTimeoutSeconds) throws VirtException {
        switch (this) {
            case START -> driver.powerOn(instanceId);
            case STOP -> driver.powerOff(instanceId, true, shutdownTimeoutSeconds);
            case REBOOT_SOFT -> driver.reboot(instanceId, false);
            case REBOOT_HARD -> driver.reboot(instanceId, true);
            case PAUSE -> driver.pause(instanceId);
            case UNPAUSE -> driver.unpause(instanceId);
            case SUSPEND -> driver.suspend(instanceId);
            case RESUME -> driver.resume(instanceId);
            case UNRESCUE -> driver.unrescue(instanceId);
        }
    }
}
