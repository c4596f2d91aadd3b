package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.messaging.Messaging;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code get_serial_console} on a simulated host, over the broker, as compute-api's serial proxy asks it: the
 * address and port of the guest's echoing serial port while it runs, not ready once stopped.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class SerialConsoleOverBrokerTest {

    private static MessageRecorder recorder;

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    private GuestConsoleEndpoint locate(String host, String id) throws Exception {
        return messaging.call(ComputeTopics.computeHost(host), SerialConsoleRequest.TYPE,
                new SerialConsoleRequest(id), GuestConsoleEndpoint.TYPE).get();
    }

    @Test
    void aRunningGuestsSerialPortEchoesAndAStoppedOneIsNotReady() throws Exception {
        if (recorder == null) {
            recorder = MessageRecorder.attach(messaging);
        }
        String host = nodes.node(ComputeNodeTestResource.HOST + "-002").orElseThrow().host();
        InstanceBuild instance = TestInstances.instance(UUID.randomUUID().toString(), "serial", Map.of(), List.of());
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(host), dev.stratus.common.compute.BuildInstance.TYPE,
                TestInstances.build(instance, host, 1, 3)).join();
        recorder.awaitReport(id, r -> "active".equals(r.vmState()));

        GuestConsoleEndpoint endpoint = locate(host, id);
        assertEquals(Outcome.READY, endpoint.outcome(), endpoint.message());
        assertEquals("127.0.0.1", endpoint.host());
        assertTrue(endpoint.port() >= 42000 && endpoint.port() < 43000, endpoint.toString());
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("hello\r".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello\r", new String(socket.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
        }

        messaging.cast(ComputeTopics.computeHost(host), InstanceAction.TYPE,
                new InstanceAction(id, InstanceAction.Kind.STOP, "req-stop-" + id)).join();
        recorder.awaitReport(id, r -> "stopped".equals(r.vmState()));
        assertEquals(Outcome.NOT_READY, locate(host, id).outcome());
        assertEquals(Outcome.NOT_FOUND, locate(host, UUID.randomUUID().toString()).outcome());
    }
}
