package dev.stratus.common.messaging;

import com.rabbitmq.client.GetResponse;
import dev.stratus.common.messaging.TestMessages.BuildRequest;
import dev.stratus.common.messaging.TestMessages.BuildRequestV13;
import dev.stratus.common.messaging.TestMessages.BuildRequestV2;
import dev.stratus.common.messaging.TestMessages.PowerState;
import dev.stratus.common.messaging.TestMessages.PowerStateQuery;
import dev.stratus.common.messaging.amqp.AmqpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stratus.common.messaging.BrokerFixture.await;
import static dev.stratus.common.messaging.BrokerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersioningTest {

    private final BrokerFixture broker = new BrokerFixture();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void sameMajorNewerMinorIsAcceptedAndOtherMajorIsDeadLettered() throws Exception {
        String topic = broker.topic("scheduler");
        Messaging scheduler = broker.messaging("scheduler");
        List<BuildRequest> handled = new CopyOnWriteArrayList<>();
        List<String> versions = new CopyOnWriteArrayList<>();
        scheduler.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((request, ctx) -> {
            // the version first: the test waits on handled, then reads versions
            versions.add(ctx.version().toString());
            handled.add(request);
        }));
        scheduler.start();
        await(scheduler.ready());

        Messaging newerApi = broker.messaging("api");
        newerApi.start();
        await(newerApi.cast(topic, BuildRequestV13.TYPE, new BuildRequestV13("i-13", "m1.small", "az-2"), "req-v13"));
        Envelope v2 = newerApi.codec().wrap(BuildRequestV2.TYPE, new BuildRequestV2("i-20", 4), "req-v2");
        await(newerApi.cast(topic, v2));
        await(newerApi.cast(topic, BuildRequest.TYPE, new BuildRequest("i-10", "m1.tiny"), "req-v10"));

        eventually(Duration.ofSeconds(10), "v1.3 and v1.0 handled", () -> handled.size() == 2);
        assertTrue(handled.contains(new BuildRequest("i-13", "m1.small")), handled.toString());
        assertTrue(handled.contains(new BuildRequest("i-10", "m1.tiny")), handled.toString());
        assertTrue(versions.containsAll(List.of("1.3", "1.0")), versions.toString());

        List<GetResponse> dead = new ArrayList<>();
        eventually(Duration.ofSeconds(10), "v2.0 dead-lettered", () -> {
            try {
                dead.addAll(broker.deadLetters());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !dead.isEmpty();
        });
        assertEquals(1, dead.size());
        GetResponse letter = dead.getFirst();
        assertEquals(v2.messageId(), letter.getProps().getMessageId());
        assertEquals("unsupported_version", header(letter, AmqpHeaders.DEAD_LETTER_REASON));
        assertTrue(header(letter, AmqpHeaders.DEAD_LETTER_DETAIL).contains("version 2.0"),
                header(letter, AmqpHeaders.DEAD_LETTER_DETAIL));
        assertEquals(broker.topology.topicQueue(topic), header(letter, AmqpHeaders.ORIGINAL_QUEUE));
        assertEquals("req-v2", header(letter, RequestIds.HEADER));
        assertEquals(v2, scheduler.codec().decode(letter.getBody()), "the body is kept as sent");
        assertEquals(2, handled.size(), "the v2.0 message never reached the handler");
    }

    @Test
    void aCallOfAnUnsupportedMajorIsRefusedAtOnce() throws Exception {
        String topic = broker.topic("compute.host1");
        Messaging node = broker.messaging("node");
        node.serve(topic, PowerStateQuery.TYPE, PowerState.TYPE,
                RpcHandler.blocking((q, ctx) -> new PowerState(q.instanceId(), "running")));
        node.start();
        await(node.ready());
        Messaging api = broker.messaging("api");
        api.start();

        Envelope v3 = new Envelope("get_power_state", "3.0", "m-v3", "req-v3", java.time.Instant.now(),
                api.codec().mapper().createObjectNode().put("instanceId", "i-1"));
        long start = System.nanoTime();
        RemoteCallException refused = assertThrows(RemoteCallException.class,
                () -> await(api.call(topic, v3, Duration.ofSeconds(10))));
        assertEquals("unsupported_version", refused.errorType());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "answered, not timed out");
        eventually(Duration.ofSeconds(5), "request dead-lettered", () -> {
            try {
                return broker.ready(broker.topology.deadLetterQueue()) == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void anUnknownMessageNameIsDeadLettered() throws Exception {
        String topic = broker.topic("conductor");
        Messaging conductor = broker.messaging("conductor");
        conductor.subscribe(topic, BuildRequest.TYPE, MessageHandler.blocking((r, ctx) -> { }));
        conductor.start();
        await(conductor.ready());

        Messaging api = broker.messaging("api");
        api.start();
        await(api.cast(topic, TestMessages.DeleteRequest.TYPE, new TestMessages.DeleteRequest("i-1")));

        List<GetResponse> dead = new ArrayList<>();
        eventually(Duration.ofSeconds(10), "dead-lettered", () -> {
            try {
                dead.addAll(broker.deadLetters());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !dead.isEmpty();
        });
        assertEquals("unknown_message", header(dead.getFirst(), AmqpHeaders.DEAD_LETTER_REASON));
    }

    static String header(GetResponse r, String name) {
        Object value = r.getProps().getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
