package dev.stratus.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web server on 127.0.0.1 (random port) holding image data for the http store's tests: {@code /image.raw}
 * (HEAD, GET, single ranges), {@code /redirect/N} (N redirects, then the image), {@code /redirect-forbidden} (a
 * redirect to {@code http://forbidden.example/image.raw}), {@code /chunked} (the image without a length),
 * {@code /stall} (the image's length and first 1000 bytes, then 10 s of silence),
 * {@code /empty} (no bytes), {@code /big} (200,000 zeros), {@code /go?to=URL} (a redirect to that URL), anything
 * else 404. {@link #requests} counts every request it gets.
 */
final class ExternalImageServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    final byte[] data;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    ExternalImageServer(int size) throws IOException {
        this(size, InetAddress.getLoopbackAddress());
    }

    /** Listening on {@code address} (a loopback one: tests send nothing elsewhere). */
    ExternalImageServer(int size, InetAddress address) throws IOException {
        data = new byte[size];
        new Random(7).nextBytes(data);
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", this::handle);
        // Its own threads: a stalled answer (/stall) must not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "external-image-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            String query = exchange.getRequestURI().getRawQuery();
            if (path.equals("/go") && query != null && query.startsWith("to=")) {
                exchange.getResponseHeaders().set("Location",
                        URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.startsWith("/redirect/")) {
                int left = Integer.parseInt(path.substring("/redirect/".length()));
                exchange.getResponseHeaders().set("Location", left == 0 ? "/image.raw" : "/redirect/" + (left - 1));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/redirect-forbidden")) {
                exchange.getResponseHeaders().set("Location", "http://forbidden.example/image.raw");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/stall") && !head) {
                exchange.sendResponseHeaders(200, data.length);
                OutputStream out = exchange.getResponseBody();
                out.write(data, 0, 1000);
                out.flush();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (path.equals("/chunked") && !head) {
                gets.incrementAndGet();
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(data);
                }
                return;
            }
            byte[] body = switch (path) {
                case "/image.raw" -> data;
                case "/empty" -> new byte[0];
                case "/big" -> new byte[200_000];
                default -> null;
            };
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = Math.min(Integer.parseInt(m.group(2)), body.length - 1);
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                body = Arrays.copyOfRange(body, from, to + 1);
                status = 206;
            }
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            gets.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
