package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.DiagnosticsResult.Outcome;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.messaging.Messaging;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code get_instance_diagnostics} on a simulated host, over the broker: the fake guest's figures (its flavor's
 * vCPUs and memory, one disk, its NIC) with the uptime counted from the launch the API sends, and the refusal of
 * a guest that is not running, with its power state.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class DiagnosticsHandlerTest {

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
        node = nodes.node(ComputeNodeTestResource.HOST + "-003").orElseThrow();
    }

    private DiagnosticsResult diagnose(String id, Instant launchedAt) throws Exception {
        return messaging.call(ComputeTopics.computeHost(node.host()), DiagnosticsRequest.TYPE,
                new DiagnosticsRequest(id, launchedAt), DiagnosticsResult.TYPE).get();
    }

    @Test
    void aRunningGuestIsMeasuredAndAStoppedOneIsRefusedWithItsPowerState() throws Exception {
        InstanceBuild instance = TestInstances.instance(UUID.randomUUID().toString(), "diag", Map.of(),
                List.of(new NetworkRequest("net-1", "private", "4c1f0e2a-9b8d-4e6f-a1b2-c3d4e5f60718", null,
                        "FA:16:3E:00:00:0D", null)));
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(node.host()), BuildInstance.TYPE,
                TestInstances.build(instance, node.host(), 1, 3)).join();
        recorder.awaitReport(id, r -> "active".equals(r.vmState()));

        DiagnosticsResult result = diagnose(id, Instant.now().minus(Duration.ofSeconds(90)));
        assertEquals(Outcome.REPORTED, result.outcome());
        assertEquals("running", result.powerState());
        GuestDiagnostics figures = result.diagnostics();
        assertEquals("running", figures.state());
        assertEquals("libvirt", figures.driver(), "the API's enum names no fake driver: as Nova's fake, libvirt");
        assertEquals("fake", figures.hypervisor());
        assertTrue(figures.uptimeSeconds() >= 90 && figures.uptimeSeconds() < 120, "uptime " + figures.uptimeSeconds());
        assertFalse(figures.configDrive());
        assertEquals(List.of(0, 1), figures.cpus().stream().map(GuestDiagnostics.Cpu::id).toList(),
                "m1.small's 2 vCPUs");
        assertEquals(2048L * 1024, figures.memory().maximumKib());
        assertEquals(List.of("actual", "rss"), List.copyOf(figures.memory().stats().keySet()),
                "libvirt's order survives the wire");
        assertEquals(List.of("vda"), figures.disks().stream().map(GuestDiagnostics.Disk::device).toList());
        assertEquals(1, figures.nics().size());
        assertEquals("fa:16:3e:00:00:0d", figures.nics().get(0).macAddress());
        assertEquals("tap4c1f0e2a-9b", figures.nics().get(0).device());

        assertNull(diagnose(id, null).diagnostics().uptimeSeconds(), "no launch, no uptime");

        messaging.cast(ComputeTopics.computeHost(node.host()), InstanceAction.TYPE,
                new InstanceAction(id, InstanceAction.Kind.STOP, "req-stop-" + id)).join();
        recorder.awaitReport(id, r -> "stopped".equals(r.vmState()));
        DiagnosticsResult stopped = diagnose(id, Instant.now());
        assertEquals(Outcome.NOT_RUNNING, stopped.outcome());
        assertEquals("shutdown", stopped.powerState());
        assertNull(stopped.diagnostics());

        DiagnosticsResult unknown = diagnose(UUID.randomUUID().toString(), Instant.now());
        assertEquals(Outcome.NOT_RUNNING, unknown.outcome());
        assertEquals("pending", unknown.powerState(), "a guest the host does not have is NOSTATE, as in Nova");
    }
}
