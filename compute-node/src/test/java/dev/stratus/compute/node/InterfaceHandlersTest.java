package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code attach_interface} and {@code detach_interface} on a simulated host: the answers, the fake guest's NICs,
 * the instance's remembered NICs and the reported events.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class InterfaceHandlersTest {

    private static MessageRecorder recorder;

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    private ComputeNode node;

    @BeforeEach
    void setUp() {
        if (recorder == null) {
            recorder = MessageRecorder.attach(messaging);
        }
        node = nodes.node(ComputeNodeTestResource.HOST + "-002").orElseThrow();
    }

    private InterfaceResult attach(String id, NetworkRequest nic, String requestId) throws Exception {
        return messaging.call(ComputeTopics.computeHost(node.host()), AttachInterface.TYPE,
                new AttachInterface(id, nic, requestId), InterfaceResult.TYPE).get();
    }

    private InterfaceResult detach(String id, String portId, String requestId) throws Exception {
        return messaging.call(ComputeTopics.computeHost(node.host()), DetachInterface.TYPE,
                new DetachInterface(id, portId, requestId), InterfaceResult.TYPE).get();
    }

    private List<String> macs(String id) {
        return ((FakeVirtDriver) node.driver()).nics(id).stream().map(GuestNic::macAddress).toList();
    }

    private String boot(String name) {
        InstanceBuild instance = TestInstances.instance(name, Map.of());
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(node.host()), BuildInstance.TYPE,
                TestInstances.build(instance, node.host(), 1, 3)).join();
        recorder.awaitReport(id, r -> "active".equals(r.vmState()));
        return id;
    }

    private InstanceStateReport event(String id, String name, String requestId) {
        return recorder.awaitReport(id, r -> r.event() != null && r.event().event().equals(name)
                && requestId.equals(r.event().actionRequestId()));
    }

    @Test
    void aNicIsPluggedRememberedAndUnplugged() throws Exception {
        String id = boot("iface");
        int before = macs(id).size();
        String port = UUID.randomUUID().toString();
        NetworkRequest nic = new NetworkRequest("net-1", "private", port, "10.0.0.9", "FA:16:3E:00:00:09", "extra");

        assertEquals(InterfaceResult.Outcome.DONE, attach(id, nic, "req-att-" + id).outcome());
        assertEquals(before + 1, macs(id).size());
        assertEquals("fa:16:3e:00:00:09", macs(id).get(before), "the new NIC comes last, with its port's MAC");
        assertEquals("Success", event(id, "compute_attach_interface", "req-att-" + id).event().result());
        assertTrue(node.registry().get(id).orElseThrow().build().networks().stream()
                .anyMatch(n -> port.equals(n.portId())), "the instance remembers the NIC for later rebuilds");

        assertEquals(InterfaceResult.Outcome.DONE, attach(id, nic, "req-att2-" + id).outcome());
        assertEquals(before + 1, macs(id).size(), "a repeated attach plugs nothing more");

        assertEquals(InterfaceResult.Outcome.DONE, detach(id, port, "req-det-" + id).outcome());
        assertEquals(before, macs(id).size());
        assertEquals("Success", event(id, "compute_detach_interface", "req-det-" + id).event().result());
        assertTrue(node.registry().get(id).orElseThrow().build().networks().stream()
                .noneMatch(n -> port.equals(n.portId())));
        assertEquals(InterfaceResult.Outcome.DONE, detach(id, port, "req-det2-" + id).outcome(),
                "a NIC that is gone is detached already");
    }

    @Test
    void aStoppedGuestTakesTheNicIntoItsDefinitionAndAnUnknownInstanceFails() throws Exception {
        String id = boot("iface-stopped");
        messaging.cast(ComputeTopics.computeHost(node.host()), InstanceAction.TYPE,
                new InstanceAction(id, InstanceAction.Kind.STOP, "req-stop-" + id)).join();
        recorder.awaitReport(id, r -> "stopped".equals(r.vmState()));
        String port = UUID.randomUUID().toString();
        assertEquals(InterfaceResult.Outcome.DONE, attach(id, new NetworkRequest("net-1", "private", port, null,
                "fa:16:3e:00:00:0a", null), "req-att-" + id).outcome());
        assertTrue(macs(id).contains("fa:16:3e:00:00:0a"));

        String unknown = UUID.randomUUID().toString();
        InterfaceResult refused = attach(unknown, new NetworkRequest("net-1", "private", port, null, null, null),
                "req-att-" + unknown);
        assertEquals(InterfaceResult.Outcome.FAILED, refused.outcome());
        assertTrue(refused.message().contains("is not on host"), refused.message());
        assertEquals("Error", event(unknown, "compute_attach_interface", "req-att-" + unknown).event().result());
    }
}
