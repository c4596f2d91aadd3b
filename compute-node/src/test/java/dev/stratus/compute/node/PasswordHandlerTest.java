package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code set_admin_password} on a simulated host: the answer, the guest's password and the reported event. */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class PasswordHandlerTest {

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

    private AdminPasswordResult set(String id, String password, String requestId) throws Exception {
        return messaging.call(ComputeTopics.computeHost(node.host()), SetAdminPassword.TYPE,
                new SetAdminPassword(id, password, requestId), AdminPasswordResult.TYPE).get();
    }

    @Test
    void aRunningGuestTakesThePasswordAndAStoppedOneDoesNot() throws Exception {
        InstanceBuild instance = TestInstances.instance("pw", Map.of());
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(node.host()), dev.stratus.common.compute.BuildInstance.TYPE,
                TestInstances.build(instance, node.host(), 1, 3)).join();
        recorder.awaitReport(id, r -> "active".equals(r.vmState()));

        assertEquals(AdminPasswordResult.Outcome.SET, set(id, "S3cret", "req-pw-" + id).outcome());
        assertEquals("S3cret", ((FakeVirtDriver) node.driver()).adminPassword(id));
        InstanceStateReport event = recorder.awaitReport(id, r -> r.event() != null
                && r.event().event().equals("compute_set_admin_password"));
        assertEquals("Success", event.event().result());
        assertTrue(event.clearTaskState(), "the task updating_password ends");

        messaging.cast(ComputeTopics.computeHost(node.host()), InstanceAction.TYPE,
                new InstanceAction(id, InstanceAction.Kind.STOP, "req-stop-" + id)).join();
        recorder.awaitReport(id, r -> "stopped".equals(r.vmState()));
        AdminPasswordResult refused = set(id, "again", "req-pw2-" + id);
        assertEquals(AdminPasswordResult.Outcome.FAILED, refused.outcome());
        assertEquals("S3cret", ((FakeVirtDriver) node.driver()).adminPassword(id));

        AdminPasswordResult unknown = set(UUID.randomUUID().toString(), "x", "req-pw3");
        assertEquals(AdminPasswordResult.Outcome.FAILED, unknown.outcome());
        assertTrue(unknown.message().contains("is not on host"), unknown.message());
    }
}
