package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>} (a call, as Nova's {@code set_admin_password}): set the guest's
 * administrator password. The answer is an {@link AdminPasswordResult}.
 */
public record SetAdminPassword(String instanceId, String password, String actionRequestId) {

    public static final MessageType<SetAdminPassword> TYPE =
            MessageType.of("set_admin_password", "1.0", SetAdminPassword.class);

    /** The password is never shown in logs. */
    @Override
    public String toString() {
        return "SetAdminPassword[instanceId=" + instanceId + ", actionRequestId=" + actionRequestId + "]";
    }
}
