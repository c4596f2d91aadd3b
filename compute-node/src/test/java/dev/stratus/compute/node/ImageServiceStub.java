package dev.stratus.compute.node;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the node's snapshots go in tests: a loopback HTTP server answering Glance's {@code PUT
 * /v2/images/{id}/file} (204, keeping the bytes) and {@code DELETE /v2/images/{id}} (204, remembering it).
 * Images whose id starts with {@code refuse-} refuse uploads with a 413.
 */
public final class ImageServiceStub {

    public static final Map<String, byte[]> UPLOADS = new ConcurrentHashMap<>();
    public static final Set<String> DELETED = ConcurrentHashMap.newKeySet();

    private static HttpServer server;

    private ImageServiceStub() {
    }

    /** Starts the server once; returns its base URL. */
    public static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v2/images/", exchange -> {
                String[] path = exchange.getRequestURI().getPath().split("/");
                String id = path[3];
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                if ("PUT".equals(exchange.getRequestMethod()) && path.length == 5 && "file".equals(path[4])) {
                    status = id.startsWith("refuse-") ? 413 : 204;
                    if (status == 204) {
                        UPLOADS.put(id, body);
                    }
                } else if ("DELETE".equals(exchange.getRequestMethod()) && path.length == 4) {
                    DELETED.add(id);
                    status = 204;
                } else {
                    status = 404;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
