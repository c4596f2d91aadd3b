package dev.stratus.common.messaging;

import java.util.Objects;

/**
 * The contract of one kind of message: its name on the wire, the version this code writes and reads,
 * and the record its payload maps to. Declare one constant per message next to its payload record, e.g.
 *
 * <pre>{@code
 * public record BuildRequest(String instanceId, String flavorId) {
 *     public static final MessageType<BuildRequest> TYPE = MessageType.of("build_instance", "1.0", BuildRequest.class);
 * }
 * }</pre>
 */
public record MessageType<T>(String name, MessageVersion version, Class<T> payloadClass) {

    public MessageType {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(payloadClass, "payloadClass");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("message name must not be blank");
        }
    }

    public static <T> MessageType<T> of(String name, String version, Class<T> payloadClass) {
        return new MessageType<>(name, MessageVersion.parse(version), payloadClass);
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
