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
 * /v2/images/{id}/file} (204, keeping the bytes), {@code DELETE /v2/images/{id}} (204, remembering it) and
 * {@code GET /v2/images?instance_uuid=&backup_type=} (the {@link #BACKUPS} a test registered that are not
 * deleted, the newest first). Images whose id starts with {@code refuse-} refuse uploads with a 413.
 */
public final class ImageServiceStub {

    public static final Map<String, byte[]> UPLOADS = new ConcurrentHashMap<>();
    public static final Set<String> DELETED = ConcurrentHashMap.newKeySet();

    /** A backup image a test registers: its id, instance, type and creation time. */
    public record Backup(String id, String instanceId, String backupType, java.time.Instant createdAt) {
    }

    public static final java.util.List<Backup> BACKUPS = new java.util.concurrent.CopyOnWriteArrayList<>();

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
            server.createContext("/v2/images", exchange -> {
                String[] path = exchange.getRequestURI().getPath().split("/");
                String id = path.length > 3 ? path[3] : "";
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                if ("PUT".equals(exchange.getRequestMethod()) && path.length == 5 && "file".equals(path[4])) {
                    status = id.startsWith("refuse-") ? 413 : 204;
                    if (status == 204) {
                        UPLOADS.put(id, body);
                    }
                } else if ("GET".equals(exchange.getRequestMethod()) && path.length == 3) {
                    String query = exchange.getRequestURI().getQuery();
                    String json = BACKUPS.stream().filter(b -> !DELETED.contains(b.id()))
                            .filter(b -> query.contains("instance_uuid=" + b.instanceId())
                                    && query.contains("backup_type=" + b.backupType()))
                            .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
                            .map(b -> "{\"id\": \"" + b.id() + "\"}")
                            .collect(java.util.stream.Collectors.joining(", ", "{\"images\": [", "]}"));
                    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                    return;
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
