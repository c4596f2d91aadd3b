package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.Messaging;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every simulated node heartbeats on the services fanout with its own resources. */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class HeartbeatTest {

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    @Test
    void eachFakeNodeHeartbeatsWithItsResources() {
        MessageRecorder recorder = MessageRecorder.attach(messaging);
        Set<String> expected = Set.of("cn-test-001", "cn-test-002", "cn-test-003");
        assertEquals(expected, new TreeSet<>(nodes.all().stream().map(ComputeNode::host).toList()));
        recorder.await(() -> recorder.heartbeats.stream().map(ServiceHeartbeat::host).toList()
                .containsAll(expected) ? true : null, "heartbeats of " + expected);

        ServiceHeartbeat heartbeat = recorder.heartbeats.stream().filter(h -> h.host().equals("cn-test-002"))
                .findFirst().orElseThrow();
        assertEquals("nova-compute", heartbeat.binary());
        assertEquals(1, heartbeat.reportIntervalSeconds());
        assertNotNull(heartbeat.startedAt());
        HostResources resources = heartbeat.resources();
        assertEquals("cn-test-002", resources.hypervisorHostname());
        assertEquals("fake", resources.hypervisorType());
        assertEquals("192.0.2.10", resources.hostIp());
        assertEquals(16, resources.vcpus());
        assertEquals(32768, resources.memoryMb());
        assertEquals(500, resources.localGb());
        assertEquals(512, resources.reservedMemoryMb());
        assertEquals(4.0, resources.cpuAllocationRatio());
        assertTrue(resources.traits().contains("COMPUTE_NODE"), resources.traits().toString());
    }

    @Test
    void usedFiguresFollowTheInstances() {
        MessageRecorder recorder = MessageRecorder.attach(messaging);
        ComputeNode node = nodes.node("cn-test-003").orElseThrow();
        var instance = TestInstances.instance("sized", Map.of());
        messaging.cast(dev.stratus.common.compute.ComputeTopics.computeHost(node.host()),
                dev.stratus.common.compute.BuildInstance.TYPE, TestInstances.build(instance, node.host(), 1, 1)).join();
        recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()));
        ServiceHeartbeat beat = recorder.await(() -> recorder.heartbeats.stream()
                .filter(h -> h.host().equals(node.host()) && h.resources().runningVms() >= 1).findFirst().orElse(null),
                "a heartbeat counting the instance");
        HostResources resources = beat.resources();
        assertEquals(1, resources.runningVms());
        assertEquals(2, resources.vcpusUsed());
        assertEquals(512 + 2048, resources.memoryMbUsed());
        assertEquals(20, resources.localGbUsed());
    }
}
