package dev.stratus.common.auth;

import dev.stratus.common.messaging.MessageType;

/** The identity service's broadcasts that every service follows. */
public final class IdentityBroadcasts {

    /** Fanout carrying token revocations. */
    public static final String REVOCATIONS = "identity.revocations";
    /** Fanout telling services that the published verification keys changed. */
    public static final String KEYS = "identity.keys";

    public static final MessageType<RevocationEvent> TOKEN_REVOKED =
            MessageType.of(RevocationEvent.MESSAGE, RevocationEvent.VERSION, RevocationEvent.class);
    public static final MessageType<KeysChanged> KEYS_CHANGED =
            MessageType.of("identity.keys_changed", "1.0", KeysChanged.class);

    /** The primary key id after the change. */
    public record KeysChanged(String primaryKeyId) {
    }

    private IdentityBroadcasts() {
    }
}
