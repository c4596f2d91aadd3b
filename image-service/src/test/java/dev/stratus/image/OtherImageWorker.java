package dev.stratus.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A second image-service worker, on 127.0.0.1 (random port), standing in for the one that staged an image. It
 * records every request proxied to it, then either answers as it is told ({@link #answer}) or serves the request as
 * the real stage host would: the staged data is the service under test's, so it first has {@link #becomeStageHost}
 * make the image's stage host the service under test (what the stage host sees as itself), then replays the request
 * there and passes its answer back. The proxied import or delete thus really runs.
 */
final class OtherImageWorker implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String path, String token, String requestId, String contentType, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The statuses the service answered the replays with. */
    final List<Integer> replayed = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String serviceUrl;
    private final Runnable becomeStageHost;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile int status;
    private volatile String body;

    /**
     * @param serviceUrl      the service under test, where requests are replayed
     * @param becomeStageHost run before a replay: records the service under test as the image's stage host
     */
    OtherImageWorker(String serviceUrl, Runnable becomeStageHost) throws IOException {
        this.serviceUrl = serviceUrl;
        this.becomeStageHost = becomeStageHost;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "other-image-worker");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answers every request with {@code status} and this JSON body instead of replaying it. */
    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    headers.getFirst("X-Auth-Token"), headers.getFirst("X-OpenStack-Request-ID"),
                    headers.getFirst("Content-Type"), requestBody));
            int answerStatus;
            byte[] answerBody;
            String answerType = "application/json";
            if (body != null) {
                answerStatus = status;
                answerBody = body.getBytes(StandardCharsets.UTF_8);
            } else {
                becomeStageHost.run();
                HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(serviceUrl
                        + exchange.getRequestURI().getPath()));
                if (headers.getFirst("X-Auth-Token") != null) {
                    replay.header("X-Auth-Token", headers.getFirst("X-Auth-Token"));
                }
                if (headers.getFirst("Content-Type") != null) {
                    replay.header("Content-Type", headers.getFirst("Content-Type"));
                }
                replay.method(exchange.getRequestMethod(), requestBody.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(requestBody));
                HttpResponse<byte[]> response;
                try {
                    response = client.send(replay.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                answerStatus = response.statusCode();
                replayed.add(answerStatus);
                answerBody = response.body();
                answerType = response.headers().firstValue("Content-Type").orElse(answerType);
            }
            exchange.getResponseHeaders().set("Content-Type", answerType);
            exchange.sendResponseHeaders(answerStatus, answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBody);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
