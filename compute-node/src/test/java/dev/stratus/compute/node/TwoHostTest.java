package dev.stratus.compute.node;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the tests that move instances between two simulated hosts of {@link ComputeNodeTestResource}
 * (fake driver, real broker): the source {@code -001} and the destination {@code -002}, the recorder of what they
 * report, and instances built on the source as the scheduler would send them. A subclass is a {@code @QuarkusTest}
 * with that test resource.
 */
abstract class TwoHostTest {

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    protected MessageRecorder recorder;
    protected ComputeNode source;
    protected ComputeNode dest;

    @BeforeEach
    void setUpHosts() {
        recorder = MessageRecorder.attach(messaging);
        source = nodes.node(ComputeNodeTestResource.HOST + "-001").orElseThrow();
        dest = nodes.node(ComputeNodeTestResource.HOST + "-002").orElseThrow();
    }

    /** Builds an instance on the source and waits until it is reported active. */
    protected InstanceBuild active(String name, Map<String, String> metadata) {
        InstanceBuild instance = TestInstances.instance(name, metadata);
        messaging.cast(ComputeTopics.computeHost(source.host()), BuildInstance.TYPE,
                TestInstances.build(instance, source.host(), 1, 3)).join();
        recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()));
        return instance;
    }

    /** Sends a power action to the instance on the source and waits until it is reported in {@code vmState}. */
    protected void actOnSource(InstanceBuild instance, InstanceAction.Kind kind, String vmState) {
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(source.host()), InstanceAction.TYPE,
                new InstanceAction(id, kind, "req-" + kind.name().toLowerCase(Locale.ROOT) + "-" + id)).join();
        recorder.awaitReport(id, r -> vmState.equals(r.vmState()));
    }

    protected static FakeVirtDriver fake(ComputeNode node) {
        return (FakeVirtDriver) node.driver();
    }
}
