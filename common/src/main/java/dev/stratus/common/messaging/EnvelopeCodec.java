package dev.stratus.common.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Envelope to bytes and back, and payload records in and out of envelopes.
 *
 * <p>It has its own {@link ObjectMapper} on purpose: the wire format must not change because one service
 * customised the application's mapper. Unknown payload fields are ignored, which is what lets a consumer
 * read a newer minor version.
 */
public final class EnvelopeCodec {

    private final ObjectMapper mapper;
    private final Clock clock;

    public EnvelopeCodec() {
        this(Clock.systemUTC());
    }

    public EnvelopeCodec(Clock clock) {
        this.clock = clock;
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** A new envelope with a fresh message id, stamped now. */
    public <T> Envelope wrap(MessageType<T> type, T payload, String requestId) {
        return new Envelope(type.name(), type.version().toString(), UUID.randomUUID().toString(), requestId,
                clock.instant(), mapper.valueToTree(payload));
    }

    /** The payload as the type's record; unknown fields (a newer minor version) are ignored. */
    public <T> T payload(Envelope envelope, Class<T> payloadClass) {
        JsonNode node = envelope.payload();
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return mapper.treeToValue(node, payloadClass);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException("payload of '" + envelope.name() + "' v" + envelope.version()
                    + " does not map to " + payloadClass.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    public byte[] encode(Envelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new MessagingException("cannot serialise message '" + envelope.name() + "'", e);
        }
    }

    public Envelope decode(byte[] body) {
        try {
            Envelope envelope = mapper.readValue(body, Envelope.class);
            if (envelope == null) {
                throw new MalformedMessageException("empty message body");
            }
            envelope.parsedVersion(); // fail here, not in a handler
            return envelope;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedMessageException m) {
                throw m;
            }
            throw new MalformedMessageException("message body is not a valid envelope: " + firstLine(e), e);
        }
    }

    /** The mapper used for payloads, for callers that build {@link JsonNode}s themselves (tests, tools). */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
