package dev.stratus.common.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.TestMessages.BuildRequestV13;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void wrapsEncodesAndReadsBack() throws Exception {
        Envelope envelope = codec.wrap(BuildRequest.TYPE, new BuildRequest("i-1", "m1.small"), "req-42");
        byte[] body = codec.encode(envelope);

        JsonNode json = codec.mapper().readTree(body);
        assertEquals("build_instance", json.get("name").asText());
        assertEquals("1.0", json.get("version").asText());
        assertEquals("req-42", json.get("request_id").asText());
        assertEquals("2025-03-01T10:00:00Z", json.get("sent_at").asText());
        assertEquals(envelope.messageId(), json.get("message_id").asText());
        assertEquals("i-1", json.get("payload").get("instanceId").asText());

        Envelope decoded = codec.decode(body);
        assertEquals(envelope, decoded);
        assertEquals(new BuildRequest("i-1", "m1.small"), codec.payload(decoded, BuildRequest.class));
    }

    @Test
    void newerMinorVersionIsReadByOlderRecordIgnoringUnknownFields() {
        Envelope v13 = codec.wrap(BuildRequestV13.TYPE, new BuildRequestV13("i-2", "m1.large", "az-1"), "req-1");
        Envelope decoded = codec.decode(codec.encode(v13));

        assertTrue(BuildRequest.TYPE.version().canRead(decoded.parsedVersion()));
        assertEquals(new BuildRequest("i-2", "m1.large"), codec.payload(decoded, BuildRequest.class));
    }

    @Test
    void olderMinorVersionLeavesNewFieldsNull() {
        Envelope v10 = codec.wrap(BuildRequest.TYPE, new BuildRequest("i-3", "m1.tiny"), "req-1");
        BuildRequestV13 read = codec.payload(codec.decode(codec.encode(v10)), BuildRequestV13.class);
        assertEquals("i-3", read.instanceId());
        assertNull(read.availabilityZone());
    }

    @Test
    void rejectsWhatIsNotAnEnvelope() {
        assertThrows(MalformedMessageException.class, () -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedMessageException.class, () -> codec.decode("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedMessageException.class, () -> codec.decode(
                "{\"name\":\"x\",\"version\":\"1\",\"message_id\":\"m\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void payloadOfTheWrongShapeIsMalformed() {
        Envelope envelope = new Envelope("build_instance", "1.0", "m-1", null, Instant.now(),
                codec.mapper().createArrayNode().add(1));
        assertThrows(MalformedMessageException.class, () -> codec.payload(envelope, BuildRequest.class));
    }

    @Test
    void versionsCompareByMajor() {
        MessageVersion v1 = MessageVersion.parse("1.4");
        assertTrue(v1.canRead(MessageVersion.parse("1.0")));
        assertTrue(v1.canRead(MessageVersion.parse("1.9")));
        assertFalse(v1.canRead(MessageVersion.parse("2.0")));
        assertFalse(v1.canRead(MessageVersion.parse("0.9")));
        assertEquals("1.4", v1.toString());
        assertThrows(IllegalArgumentException.class, () -> MessageVersion.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> MessageVersion.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> MessageVersion.parse("a.b"));
    }
}
