package dev.stratus.network.bench;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.common.web.app.TestKeys;
import dev.stratus.deploy.testing.FreePorts;
import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * network-service as it runs in the cloud (the packaged application in its own JVM), on a database and broker
 * exchange of its own, trusting a key this benchmark publishes as the identity service publishes its own: the
 * tokens it signs are verified by the service exactly as identity's are.
 */
final class BenchmarkService implements AutoCloseable {

    private final Process process;
    private final HttpServer identity;
    private final TestKeys keys;
    private final String url;

    private BenchmarkService(Process process, HttpServer identity, TestKeys keys, String url) {
        this.process = process;
        this.identity = identity;
        this.keys = keys;
        this.url = url;
    }

    static BenchmarkService start() throws Exception {
        Path jar = findJar();
        TestKeys keys = new TestKeys();
        String jwks = keys.fetchJwks().await().indefinitely();
        HttpServer identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identity.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identity.start();
        TestDatabase db = TestDatabases.ensure("stratus_network_bench");
        TestBroker broker = TestBrokers.ensure();
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(), "-Dquarkus.datasource.username=" + db.user(),
                "-Dquarkus.datasource.password=" + db.password(), "-Dquarkus.flyway.clean-at-start=true",
                "-Dquarkus.flyway.clean-disabled=false", "-Dquarkus.log.level=WARN",
                "-Dstratus.auth.identity-url=http://127.0.0.1:" + identity.getAddress().getPort(),
                "-Dstratus.amqp.exchange=stratus-network-bench"));
        broker.quarkusConfig().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        File log = File.createTempFile("network-service-bench", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        String url = "http://127.0.0.1:" + port;
        BenchmarkService service = new BenchmarkService(process, identity, keys, url);
        service.awaitReady(log);
        return service;
    }

    private static Path findJar() {
        for (String candidate : List.of("target/quarkus-app/quarkus-run.jar",
                "network-service/target/quarkus-app/quarkus-run.jar")) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        throw new IllegalStateException("network-service is not packaged: run smvn -o -q package -DskipTests "
                + "-pl network-service first");
    }

    private void awaitReady(File log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = token("bench-probe", "bench-probe", List.of("reader"));
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("network-service exited: " + Files.readString(log.toPath()));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v2.0/networks"))
                        .header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("network-service did not answer within 90 s: " + Files.readString(log.toPath()));
    }

    String url() {
        return url;
    }

    String token(String user, String project, List<String> roles) {
        return keys.token(user, project, roles);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        identity.stop(0);
    }
}
