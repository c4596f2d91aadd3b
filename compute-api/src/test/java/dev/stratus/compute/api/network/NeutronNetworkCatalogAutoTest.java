package dev.stratus.compute.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code "networks": "auto"} for a project with no network of its own: the network network-service's
 * auto-allocated-topology gives it, or Nova's 400 when the deployment cannot. network-service's HTTP API is played
 * by a loopback server answering as Neutron does.
 */
class NeutronNetworkCatalogAutoTest {

    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.merge(path, 1, Integer::sum);
            Answer a = answers.getOrDefault(path, new Answer(404, "{\"NeutronError\":{\"type\":\"NotFound\","
                    + "\"message\":\"no\",\"detail\":\"\"}}"));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        answers.put("/v2.0/networks", new Answer(200, "{\"networks\":[]}"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private NeutronNetworkCatalog catalog() {
        return new NeutronNetworkCatalog(new NetworkServiceClient("http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofSeconds(5)));
    }

    private static AuthContext member() {
        return new AuthContext("tok", "u1", "alice", "default", "p1", "default", null, Set.of("member"),
                List.of("password"), List.of("a1"), Instant.now(), Instant.now().plusSeconds(600));
    }

    @Test
    void autoTakesTheProjectsAutoAllocatedNetwork() {
        answers.put("/v2.0/auto-allocated-topology/p1", new Answer(200, "{\"auto_allocated_topology\":"
                + "{\"id\":\"net-1\",\"tenant_id\":\"p1\",\"project_id\":\"p1\"}}"));
        answers.put("/v2.0/networks/net-1", new Answer(200, "{\"network\":{\"id\":\"net-1\","
                + "\"name\":\"auto_allocated_network\",\"subnets\":[\"s1\"]}}"));
        List<NetworkRequest> nics = catalog().resolve(member(), "auto", List.of());
        assertEquals(1, nics.size());
        assertEquals("net-1", nics.get(0).networkId());
        assertEquals("auto_allocated_network", nics.get(0).networkName());
    }

    @Test
    void aDeploymentThatCannotAllocateIsNovasBadRequest() {
        answers.put("/v2.0/auto-allocated-topology/p1", new Answer(409, "{\"NeutronError\":{\"type\":"
                + "\"AutoAllocationFailure\",\"message\":\"Deployment error: No default router:external network.\","
                + "\"detail\":\"\"}}"));
        ApiException e = assertThrows(ApiException.class, () -> catalog().resolve(member(), "auto", List.of()));
        assertEquals(400, e.status());
        assertEquals("Unable to automatically allocate a network for project p1", e.getMessage());
    }

    @Test
    void withoutAutoNothingIsAllocated() {
        assertEquals(List.of(), catalog().resolve(member(), null, List.of()));
        assertEquals(null, calls.get("/v2.0/auto-allocated-topology/p1"));
    }

    @Test
    void aNetworkOfTheProjectIsUsedRatherThanAllocatingOne() {
        answers.put("/v2.0/networks", new Answer(200, "{\"networks\":[{\"id\":\"own\",\"name\":\"mine\","
                + "\"project_id\":\"p1\",\"shared\":false,\"router:external\":false,\"subnets\":[\"s\"]}]}"));
        List<NetworkRequest> nics = catalog().resolve(member(), "auto", List.of());
        assertEquals("own", nics.get(0).networkId());
        assertEquals(null, calls.get("/v2.0/auto-allocated-topology/p1"));
    }
}
