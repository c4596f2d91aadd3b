package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The answer to {@link DiagnosticsRequest}: the guest's figures, or why there are none, as Nova tells them apart
 * (the API answers 409 for a guest that is not running, 501 when the host's driver cannot report diagnostics).
 *
 * @param powerState the guest's power state as the host saw it, in Nova's words ({@code running},
 *        {@code shutdown}, {@code paused}, ...)
 * @param diagnostics the figures when {@link Outcome#REPORTED}, else null
 */
public record DiagnosticsResult(Outcome outcome, String message, String powerState, GuestDiagnostics diagnostics) {

    public static final MessageType<DiagnosticsResult> TYPE =
            MessageType.of("instance_diagnostics", "1.0", DiagnosticsResult.class);

    public enum Outcome {
        REPORTED,
        /** The guest is not running (Nova's InstanceInvalidState on its power state). */
        NOT_RUNNING,
        /** The driver cannot report diagnostics. */
        NOT_SUPPORTED,
        /** The hypervisor could not be read. */
        FAILED
    }

    public static DiagnosticsResult reported(GuestDiagnostics diagnostics) {
        return new DiagnosticsResult(Outcome.REPORTED, null, diagnostics.state(), diagnostics);
    }
}
