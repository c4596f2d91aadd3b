package dev.stratus.compute.node.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The compute node's measurements (README, "Measured"): (a) the node's own overhead on top of libvirt for
 * real TCG guests of the project's test image on {@code qemu:///system}, (b) boot-and-delete throughput and
 * heap of many fake nodes in one process. Not a test: run it with
 *
 * <pre>
 * smvn -o -q test-compile exec:exec -pl compute-node -Dbench.args="--boots=10 --nodes=100"
 * </pre>
 *
 * Options: {@code --only=libvirt|fake}, {@code --boots=10}, {@code --nodes=100}, {@code --cycles=3000},
 * {@code --concurrency=100}, {@code --hold-per-node=10}, {@code --guest-image=../deploy/guest-image/out}.
 * Messages go to the test broker (the machine's RabbitMQ when it answers, {@code -DSTRATUS_TEST_AMQP_EMBEDDED=true}
 * for an embedded one) on an exchange of the run's own, removed at the end with its queues.
 */
public final class NodeBenchmark {

    private NodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String only = options.getOrDefault("only", "");
        Path root = Files.createTempDirectory("stratus-node-bench-");
        // QEMU runs as its own user and must reach the guest files below
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (BenchBroker broker = new BenchBroker()) {
            broker.start();
            System.out.println("broker " + broker.broker + ", exchange " + broker.exchange() + ", files in " + root);
            if (!only.equals("fake")) {
                GuestImageFiles images = new GuestImageFiles(
                        Path.of(options.getOrDefault("guest-image", "../deploy/guest-image/out")));
                new LibvirtBootBench(broker, root.resolve("libvirt"), images)
                        .run(Integer.parseInt(options.getOrDefault("boots", "10")));
                System.out.println();
            }
            if (!only.equals("libvirt")) {
                new FakeNodesBench(broker, root.resolve("fake")).run(
                        Integer.parseInt(options.getOrDefault("nodes", "100")),
                        Integer.parseInt(options.getOrDefault("cycles", "3000")),
                        Integer.parseInt(options.getOrDefault("concurrency", "100")),
                        Integer.parseInt(options.getOrDefault("hold-per-node", "10")));
            }
        } finally {
            delete(root);
        }
        // the libvirt event loop and the broker's threads would keep the JVM alive
        System.exit(0);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
