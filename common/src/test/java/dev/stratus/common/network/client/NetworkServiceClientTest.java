package dev.stratus.common.network.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against an HTTP peer on loopback answering in Neutron's shapes. */
class NetworkServiceClientTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private NetworkServiceClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2.0/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + uri + " " + exchange.getRequestHeaders().getFirst("X-Auth-Token"));
            String body;
            int status = 200;
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            if (uri.startsWith("/v2.0/security-groups?name=default&limit=1&marker=a")) {
                body = "{\"security_groups\":[{\"id\":\"b\"}],\"security_groups_links\":[]}";
            } else if (uri.startsWith("/v2.0/security-groups?name=default")) {
                body = "{\"security_groups\":[{\"id\":\"a\"}],\"security_groups_links\":[{\"rel\":\"next\",\"href\":\""
                        + base + "/v2.0/security-groups?name=default&limit=1&marker=a\"}]}";
            } else {
                status = 409;
                body = "{\"NeutronError\":{\"type\":\"IpAddressGenerationFailure\",\"message\":\"No more IP addresses"
                        + " available on network n.\",\"detail\":\"\"}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        client = new NetworkServiceClient("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void listsACollectionWhoseKeyHasUnderscoresAcrossPages() {
        List<JsonNode> groups = client.list("tok", "security-groups", Map.of("name", List.of("default")));
        assertEquals(List.of("a", "b"), groups.stream().map(g -> g.path("id").asText()).toList());
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.get(0).endsWith(" tok"), requests.toString());
    }

    @Test
    void anErrorCarriesNeutronsTypeAndMessage() {
        NetworkServiceException e = assertThrows(NetworkServiceException.class,
                () -> client.post("tok", "ports", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()));
        assertEquals(409, e.status());
        assertEquals("IpAddressGenerationFailure", e.type());
        assertEquals("No more IP addresses available on network n.", e.getMessage());
    }

    @Test
    void anUnreachableServiceIsStatusZero() {
        server.stop(0);
        NetworkServiceException e = assertThrows(NetworkServiceException.class, () -> client.get("tok", "networks"));
        assertTrue(e.isUnreachable());
    }
}
