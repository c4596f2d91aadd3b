package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.virt.PowerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shelve on a simulated host: the disk saved into the image, the guest gone from the host, and its way back. */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class ShelveHandlerTest {

    private static MessageRecorder recorder;

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    private ComputeNode node;
    private ComputeNode other;

    @BeforeEach
    void setUp() {
        if (recorder == null) {
            recorder = MessageRecorder.attach(messaging);
        }
        node = nodes.node(ComputeNodeTestResource.HOST + "-001").orElseThrow();
        other = nodes.node(ComputeNodeTestResource.HOST + "-003").orElseThrow();
    }

    private InstanceBuild active(String name) {
        InstanceBuild instance = TestInstances.instance(name, Map.of());
        build(instance, node);
        return instance;
    }

    private void build(InstanceBuild instance, ComputeNode on) {
        messaging.cast(ComputeTopics.computeHost(on.host()), BuildInstance.TYPE,
                TestInstances.build(instance, on.host(), 1, 3)).join();
        recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()) && on.host().equals(r.host()));
    }

    private InstanceStateReport shelve(String id, String image, String requestId) {
        messaging.cast(ComputeTopics.computeHost(node.host()), ShelveInstance.TYPE,
                new ShelveInstance(id, image, true, requestId)).join();
        return recorder.awaitReport(id, r -> r.event() != null && r.event().finishTime() != null
                && requestId.equals(r.event().actionRequestId())
                && r.event().event().equals("compute_shelve_offload_instance"));
    }

    @Test
    void aShelvedServerIsSavedOffloadedAndBootsAgainElsewhere() {
        InstanceBuild instance = active("shelve-me");
        String id = instance.instanceId();
        String image = UUID.randomUUID().toString();
        InstanceStateReport offloaded = shelve(id, image, "req-shelve-" + id);

        assertEquals("Success", offloaded.event().result());
        assertEquals("shelved_offloaded", offloaded.vmState());
        assertEquals("", offloaded.host(), "the instance left its host");
        assertEquals(0, offloaded.powerState());
        List<String> tasks = recorder.reportsFor(id).stream().map(InstanceStateReport::taskState)
                .filter(t -> t != null && t.startsWith("shelving")).toList();
        assertEquals(List.of("shelving_image_pending_upload", "shelving_image_uploading", "shelving_offloading"),
                tasks);
        assertTrue(recorder.reportsFor(id).stream().anyMatch(r -> "shelved".equals(r.vmState())));
        String uploaded = new String(ImageServiceStub.UPLOADS.get(image), StandardCharsets.ISO_8859_1);
        assertTrue(uploaded.startsWith("QFI") && uploaded.contains(id), uploaded);
        assertEquals(PowerState.NOSTATE, ((FakeVirtDriver) node.driver()).powerState(id));
        assertTrue(node.registry().get(id).isEmpty());

        // unshelved: the scheduler chose another host, which builds it from the shelved image
        build(instance, other);
        assertEquals(PowerState.RUNNING, ((FakeVirtDriver) other.driver()).powerState(id));
    }

    @Test
    void aPausedServerIsShelvedTooAndAFailedUploadLeavesItStopped() {
        InstanceBuild instance = active("shelve-paused");
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(node.host()), InstanceAction.TYPE,
                new InstanceAction(id, InstanceAction.Kind.PAUSE, "req-pause-" + id)).join();
        recorder.awaitReport(id, r -> "paused".equals(r.vmState()));
        String refused = "refuse-" + UUID.randomUUID();
        messaging.cast(ComputeTopics.computeHost(node.host()), ShelveInstance.TYPE,
                new ShelveInstance(id, refused, true, "req-refused-" + id)).join();
        InstanceStateReport failed = recorder.awaitReport(id, r -> r.event() != null && r.event().finishTime() != null
                && ("req-refused-" + id).equals(r.event().actionRequestId()));
        assertEquals("Error", failed.event().result());
        assertEquals("stopped", failed.vmState());
        assertTrue(failed.fault().message().startsWith("Failed to shelve the server"), failed.fault().message());
        assertTrue(ImageServiceStub.DELETED.contains(refused), "the image of a failed shelve is deleted");
        assertEquals(PowerState.SHUTDOWN, ((FakeVirtDriver) node.driver()).powerState(id));

        InstanceStateReport offloaded = shelve(id, UUID.randomUUID().toString(), "req-shelve-" + id);
        assertEquals("shelved_offloaded", offloaded.vmState());
    }
}
