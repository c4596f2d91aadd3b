package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The answer to {@link AttachInterface} and {@link DetachInterface}: done, or why not, as Nova tells them apart
 * (a driver that cannot hot-plug is Nova's AttachInterfaceNotSupported, anything else InterfaceAttachFailed or
 * InterfaceDetachFailed).
 */
public record InterfaceResult(Outcome outcome, String message) {

    public static final MessageType<InterfaceResult> TYPE =
            MessageType.of("interface_result", "1.0", InterfaceResult.class);

    public enum Outcome {
        DONE,
        /** The host's driver cannot hot-plug NICs (or not into a guest in this state). */
        NOT_SUPPORTED,
        /** The host, its network plumbing or the hypervisor refused it. */
        FAILED
    }

    public static InterfaceResult done() {
        return new InterfaceResult(Outcome.DONE, null);
    }
}
