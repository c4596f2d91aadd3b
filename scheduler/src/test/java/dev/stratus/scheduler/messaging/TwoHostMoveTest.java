package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.scheduler.TestFleet;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the tests that ask the scheduler to move an instance between two hosts of a fresh fleet: hosts
 * {@code a} and {@code b} (named anew for each test), the recorder of what the scheduler sends to them and to the
 * conductor, and a SMALL instance built on one of them. A subclass is a {@code @QuarkusTest} with
 * {@code SchedulerTestResource}.
 */
abstract class TwoHostMoveTest {

    static final FlavorSpec SMALL = TestFleet.flavor(1, 1024, 10);
    static final Map<String, Long> SMALL_USE = Map.of("DISK_GB", 10L, "MEMORY_MB", 1024L, "VCPU", 1L);
    static final Map<String, Long> NONE = Map.of("DISK_GB", 0L, "MEMORY_MB", 0L, "VCPU", 0L);
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    MessageRecorder recorder;
    String a;
    String b;

    private final String hostPrefix;

    /** @param hostPrefix begins the names of the hosts, so that each test class has its own */
    protected TwoHostMoveTest(String hostPrefix) {
        this.hostPrefix = hostPrefix;
    }

    @BeforeEach
    void setUpHosts() {
        fleet.reset();
        scheduler.ready();
        String run = Long.toString(System.nanoTime() % 100000, 36);
        a = hostPrefix + "-a-" + run;
        b = hostPrefix + "-b-" + run;
        recorder = new MessageRecorder().listen(ComputeTopics.computeHost(a), ComputeTopics.computeHost(b),
                ComputeTopics.CONDUCTOR);
    }

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    /** A host of the fake driver's kind, which moves guests between hosts. */
    void movableHost(String host, int vcpus, long memoryMb, long diskGb) {
        HostResources r = TestFleet.resources(host, vcpus, memoryMb, diskGb);
        List<String> traits = new ArrayList<>(r.traits());
        traits.add(HostResources.TRAIT_MOVES_BETWEEN_HOSTS);
        fleet.heartbeat(host, new HostResources(r.hypervisorHostname(), r.hypervisorType(), r.hypervisorVersion(),
                r.hostIp(), r.vcpus(), r.memoryMb(), r.localGb(), r.reservedVcpus(), r.reservedMemoryMb(),
                r.reservedDiskGb(), r.cpuAllocationRatio(), r.ramAllocationRatio(), r.diskAllocationRatio(), 0, 0, 0,
                0, r.cpuInfo(), traits));
    }

    /** One SMALL instance, scheduled and built on {@code host} (the only host with room). */
    BuildInstance built(String host) {
        scheduler.schedule(TestFleet.request(SMALL, 1));
        String topic = ComputeTopics.computeHost(host);
        recorder.await("the build on " + host, WAIT, r -> !r.messages(topic, BuildInstance.TYPE).isEmpty());
        return recorder.messages(topic, BuildInstance.TYPE).get(0);
    }

    /** The move of kind {@code kind} (an {@link InstanceMove} constant) of a built instance, SMALL, to no host yet. */
    static InstanceMove moveOf(String kind, BuildInstance build, String requestId) {
        return new InstanceMove(UUID.randomUUID().toString(), kind, build.instance(), SMALL, build.host(),
                build.node(), null, null, false, requestId);
    }

    /** Waits until {@code condition} holds: commits and releases are casts, their effect shows a little later. */
    static void eventually(BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
