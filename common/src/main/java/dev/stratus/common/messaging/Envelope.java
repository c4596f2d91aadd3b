package dev.stratus.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * What travels in every message body, as JSON:
 *
 * <pre>{"name":"build_instance","version":"1.2","message_id":"...","request_id":"req-...",
 *  "sent_at":"2025-01-01T00:00:00Z","payload":{...}}</pre>
 *
 * <p>The payload stays a {@link JsonNode} until a consumer that knows the version maps it to its record,
 * so a message can be inspected (logs, dead-letter tools) without the payload class.
 *
 * @param messageId unique per logical message, kept across republishing: the idempotency key
 * @param requestId the OpenStack request id ({@code x-openstack-request-id}) the work belongs to
 */
public record Envelope(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("sent_at") Instant sentAt,
        @JsonProperty("payload") JsonNode payload) {

    public Envelope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(messageId, "messageId");
    }

    public MessageVersion parsedVersion() {
        return MessageVersion.parse(version);
    }
}
