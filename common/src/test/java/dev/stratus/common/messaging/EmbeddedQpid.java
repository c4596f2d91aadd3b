package dev.stratus.common.messaging;

import org.apache.qpid.server.SystemLauncher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apache Qpid Broker-J in this JVM: in-memory store, guest/guest over PLAIN, one AMQP 0-9-1 port on
 * 127.0.0.1. The second broker the messaging layer must work with.
 */
final class EmbeddedQpid implements AutoCloseable {

    /** Qpid logs every declaration at INFO; held strongly, as java.util.logging only keeps weak references. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("qpid", "org.apache.qpid")
            .map(java.util.logging.Logger::getLogger)
            .peek(l -> l.setLevel(java.util.logging.Level.WARNING))
            .toList();

    private final SystemLauncher launcher;
    private final Path workDirectory;
    private final int port;

    private EmbeddedQpid(SystemLauncher launcher, Path workDirectory, int port) {
        this.launcher = launcher;
        this.workDirectory = workDirectory;
        this.port = port;
    }

    static EmbeddedQpid start() throws Exception {
        int port = TcpProxy.freePort();
        Path work = Files.createTempDirectory("stratus-qpid-");
        Path config = work.resolve("initial-config.json");
        Files.writeString(config, """
                {
                  "name": "stratus-test",
                  "modelVersion": "9.1",
                  "authenticationproviders": [{
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [{"name": "guest", "type": "managed", "password": "guest"}]
                  }],
                  "ports": [{
                    "name": "AMQP", "type": "AMQP", "port": %d, "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
                    "virtualhostaliases": [
                      {"name": "nameAlias", "type": "nameAlias"},
                      {"name": "defaultAlias", "type": "defaultAlias"},
                      {"name": "hostnameAlias", "type": "hostnameAlias"}
                    ]
                  }],
                  "virtualhostnodes": [{
                    "name": "default", "type": "Memory", "defaultVirtualHostNode": true,
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  }]
                }
                """.formatted(port));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", Map.of("qpid.work_dir", work.toString()));
        SystemLauncher launcher = new SystemLauncher();
        launcher.startup(attributes);
        EmbeddedQpid qpid = new EmbeddedQpid(launcher, work, port);
        long end = System.nanoTime() + 30_000_000_000L;
        while (!accepting(port)) {
            if (System.nanoTime() > end) {
                qpid.close();
                throw new IllegalStateException("Qpid did not open port " + port);
            }
            Thread.sleep(50);
        }
        return qpid;
    }

    int port() {
        return port;
    }

    private static boolean accepting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        launcher.shutdown();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
