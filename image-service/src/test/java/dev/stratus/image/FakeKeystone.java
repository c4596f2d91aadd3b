package dev.stratus.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Keystone's {@code GET /v3/auth/catalog} on 127.0.0.1 (random port), for glance-download: one {@code image} service
 * in region {@code RegionOne} whose public, internal and admin endpoints are the URL in the system property
 * {@value #IMAGE_ENDPOINT} (the image-service under test, whose port is known once it runs). A request without
 * {@code X-Auth-Token} is 401; the last token seen is kept in the system property {@value #LAST_TOKEN}. One per JVM:
 * tests and their profile are loaded by different class loaders, so the server is shared through system properties.
 */
final class FakeKeystone {

    static final String IMAGE_ENDPOINT = "stratus.test.keystone.image-endpoint";
    static final String LAST_TOKEN = "stratus.test.keystone.last-token";
    static final String CATALOG_READS = "stratus.test.keystone.catalog-reads";
    private static final String PORT = "stratus.test.keystone.port";

    private FakeKeystone() {
    }

    /** The base URL of the one fake Keystone, started the first time. */
    static synchronized String url() {
        if (System.getProperty(PORT) == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", FakeKeystone::handle);
                server.start();
                System.setProperty(PORT, Integer.toString(server.getAddress().getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + System.getProperty(PORT);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/v3/auth/catalog")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
            if (token == null) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            System.setProperty(LAST_TOKEN, token);
            System.setProperty(CATALOG_READS, Integer.toString(Integer.getInteger(CATALOG_READS, 0) + 1));
            String url = System.getProperty(IMAGE_ENDPOINT, "http://127.0.0.1:9");
            StringBuilder endpoints = new StringBuilder();
            for (String iface : new String[] {"public", "internal", "admin"}) {
                if (!endpoints.isEmpty()) {
                    endpoints.append(", ");
                }
                endpoints.append("{\"id\": \"e-").append(iface).append("\", \"interface\": \"").append(iface)
                        .append("\", \"region\": \"RegionOne\", \"region_id\": \"RegionOne\", \"url\": \"")
                        .append(url).append("\"}");
            }
            String body = "{\"catalog\": [{\"id\": \"s-identity\", \"type\": \"identity\", \"name\": \"keystone\","
                    + " \"endpoints\": [{\"id\": \"e-id\", \"interface\": \"public\", \"region\": \"RegionOne\","
                    + " \"region_id\": \"RegionOne\", \"url\": \"http://127.0.0.1:5000/v3\"}]},"
                    + " {\"id\": \"s-image\", \"type\": \"image\", \"name\": \"glance\", \"endpoints\": [" + endpoints
                    + "]}], \"links\": {\"self\": \"http://127.0.0.1/v3/auth/catalog\"}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
