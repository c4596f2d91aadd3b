package dev.stratus.compute.node.bench;

import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.BuildInstance;
import dev.stratus.compute.node.ComputeNode;
import dev.stratus.compute.node.ComputeNodes;
import dev.stratus.compute.node.ComputeNodesLifecycle;
import dev.stratus.compute.node.TestInstances;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.driver.BackendSelector;
import dev.stratus.compute.node.driver.HypervisorBackend;
import dev.stratus.compute.node.fake.FakeBackend;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code stratus.compute.fake.node-count} simulated hosts in this process, made by {@link ComputeNodes} as
 * the daemon makes them, driven through the broker as the scheduler and compute-api drive them: build casts
 * to {@code compute.<host>}, ACTIVE and deleted reports back on the conductor topic. Prints boot-and-delete
 * cycles per second and the heap the nodes hold.
 */
final class FakeNodesBench {

    private static final long MIB = 1L << 20;

    private final BenchBroker broker;

    private final Path root;

    FakeNodesBench(BenchBroker broker, Path root) {
        this.broker = broker;
        this.root = root;
    }

    void run(int nodeCount, int cycles, int concurrency, int holdPerNode) throws Exception {
        ComputeNodeConfig config = BenchConfig.mapping(ComputeNodeConfig.class, Map.of(
                "stratus.compute.driver", "fake",
                "stratus.compute.host", "bench",
                "stratus.compute.fake.node-count", Integer.toString(nodeCount),
                "stratus.compute.instances-directory", root.resolve("instances").toString(),
                "stratus.compute.my-ip", "192.0.2.10"));
        BackendSelector fakeOnly = new BackendSelector(config, null) {
            @Override
            public HypervisorBackend selected() {
                return new FakeBackend(config);
            }
        };
        ServiceToken noToken = new ServiceToken(null) {
            @Override
            public boolean isConfigured() {
                return false;
            }
        };

        long before = usedHeap();
        long started = System.nanoTime();
        ComputeNodes nodes = new ComputeNodes(config, fakeOnly, broker.messaging, noToken, "bench");
        ComputeNodesLifecycle.start(nodes);
        broker.messaging.ready().get(120, TimeUnit.SECONDS);
        double startMs = (System.nanoTime() - started) / 1e6;
        List<String> hosts = nodes.all().stream().map(ComputeNode::host).toList();
        long total = usedHeap();
        long idle = total - before;
        System.out.printf(Locale.ROOT, "%d fake nodes started and consuming in %.0f ms; heap held by them, idle: %.1f MiB"
                + " (whole JVM heap in use: %.1f MiB)%n", hosts.size(), startMs, idle / (double) MIB, total / (double) MIB);

        try {
            cycles(hosts, Math.min(cycles, 500), concurrency, null); // warm-up, not counted
            Stats build = new Stats();
            Stats delete = new Stats();
            long t0 = System.nanoTime();
            int done = cycles(hosts, cycles, concurrency, new Stats[] {build, delete});
            double seconds = (System.nanoTime() - t0) / 1e9;
            long afterLoad = usedHeap() - before;

            List<String> held = holdPerNode > 0 ? boot(hosts, holdPerNode) : List.of();
            long holding = usedHeap() - before;
            if (!held.isEmpty()) {
                deleteAll(hosts, held);
            }
            long end = usedHeap() - before;

            System.out.println();
            System.out.printf(Locale.ROOT, "(b) %d fake nodes, one process, broker %s:%n", hosts.size(), broker.broker);
            System.out.printf(Locale.ROOT, "    boot-and-delete: %d cycles in %.1f s = %.0f cycles/s (%d in flight)%n",
                    done, seconds, done / seconds, concurrency);
            System.out.println("    build cast -> ACTIVE report:   " + build);
            System.out.println("    delete cast -> deleted report: " + delete);
            System.out.printf(Locale.ROOT, "    heap held by the nodes: idle %.1f MiB, after the cycles %.1f MiB, with %d"
                    + " ACTIVE instances (%d per node) %.1f MiB, after deleting them %.1f MiB; target under 1 GiB -> %s%n",
                    idle / (double) MIB, afterLoad / (double) MIB, held.size(), holdPerNode, holding / (double) MIB,
                    end / (double) MIB, Math.max(idle, holding) < 1024 * MIB ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "    JVM: max heap %d MiB, %d live threads%n",
                    Runtime.getRuntime().maxMemory() / MIB, ManagementFactory.getThreadMXBean().getThreadCount());
        } finally {
            ComputeNodesLifecycle.stop(nodes);
        }
    }

    /** Runs boot-and-delete cycles over the hosts in turn; returns how many completed. */
    private int cycles(List<String> hosts, int count, int concurrency, Stats[] stats) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String host = hosts.get(i % hosts.size());
                        String id = UUID.randomUUID().toString();
                        try {
                            long t0 = System.nanoTime();
                            boot(host, id).get(60, TimeUnit.SECONDS);
                            long t1 = System.nanoTime();
                            delete(host, id).get(60, TimeUnit.SECONDS);
                            long t2 = System.nanoTime();
                            if (stats != null) {
                                stats[0].add((t1 - t0) / 1e6);
                                stats[1].add((t2 - t1) / 1e6);
                            }
                            completed.incrementAndGet();
                        } catch (Exception e) {
                            throw new IllegalStateException("cycle " + i + " on " + host + " failed", e);
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        }
        return completed.get();
    }

    private CompletableFuture<InstanceStateReport> boot(String host, String id) {
        InstanceBuild instance = TestInstances.instance(id, "bench", Map.of(), List.of());
        CompletableFuture<InstanceStateReport> active = broker.next(id, r -> "active".equals(r.vmState()));
        broker.messaging.cast(ComputeTopics.computeHost(host), BuildInstance.TYPE,
                TestInstances.build(instance, host, 1, 1)).join();
        return active;
    }

    private CompletableFuture<InstanceStateReport> delete(String host, String id) {
        CompletableFuture<InstanceStateReport> deleted = broker.next(id, r -> "deleted".equals(r.vmState()));
        broker.messaging.cast(ComputeTopics.computeHost(host), DeleteInstance.TYPE,
                new DeleteInstance(id, "req-" + id)).join();
        return deleted;
    }

    /** Boots {@code perNode} instances on every host and leaves them ACTIVE; returns their ids by host order. */
    private List<String> boot(List<String> hosts, int perNode) throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<InstanceStateReport>> active = new ArrayList<>();
        for (int n = 0; n < perNode; n++) {
            for (String host : hosts) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                active.add(boot(host, id));
            }
        }
        CompletableFuture.allOf(active.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return ids;
    }

    private void deleteAll(List<String> hosts, List<String> ids) throws Exception {
        List<CompletableFuture<InstanceStateReport>> deleted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            deleted.add(delete(hosts.get(i % hosts.size()), ids.get(i)));
        }
        CompletableFuture.allOf(deleted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /** Heap in use after full collections, so that what is left is what is reachable. */
    static long usedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
