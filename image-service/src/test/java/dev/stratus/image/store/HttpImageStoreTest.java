package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-only http store against a web server on the loopback that ignores Range headers. */
class HttpImageStoreTest {

    private final byte[] data = new byte[5000];
    private HttpServer server;
    private final HttpImageStore store = new HttpImageStore(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        Arrays.fill(data, (byte) 3);
        data[4000] = 42;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/hop/")) {
                    int left = Integer.parseInt(path.substring(5));
                    exchange.getResponseHeaders().set("Location", left == 0 ? "/data" : "/hop/" + (left - 1));
                    exchange.sendResponseHeaders(301, -1);
                } else if (path.equals("/data")) {
                    exchange.getResponseHeaders().set("Content-Length", Integer.toString(data.length));
                    boolean head = exchange.getRequestMethod().equals("HEAD");
                    exchange.sendResponseHeaders(200, head ? -1 : data.length);
                    if (!head) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(data);
                        }
                    }
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void onlyAbsoluteHttpUrlsAreItsLocations() {
        assertTrue(HttpImageStore.handles("http://example.org/a.img"));
        assertTrue(HttpImageStore.handles("HTTPS://example.org/a.img#x"));
        assertFalse(HttpImageStore.handles("file:///var/lib/stratus/images/x"));
        assertFalse(HttpImageStore.handles("gopher://info.cern.ch"));
        assertFalse(HttpImageStore.handles("http:/no-host"));
        assertFalse(HttpImageStore.handles("not a url"));
        assertFalse(HttpImageStore.handles(null));
    }

    @Test
    void headGivesTheSizeThroughFiveRedirectsAtMost() throws IOException {
        assertEquals(data.length, store.size(url("/data#fragment")));
        assertEquals(data.length, store.size(url("/hop/4")));
        assertThrows(ImageStoreException.class, () -> store.size(url("/hop/5")));
        assertThrows(ImageStoreException.class, () -> store.size(url("/missing")));
        assertThrows(ImageStoreException.class, () -> store.size("http://127.0.0.1:1/data"));
        assertFalse(store.exists(url("/missing")));
    }

    @Test
    void aSliceIsCutWhenTheServerIgnoresTheRange() throws IOException {
        try (InputStream in = store.open(url("/hop/1"), 3990, 20)) {
            assertArrayEquals(Arrays.copyOfRange(data, 3990, 4010), in.readAllBytes());
        }
        try (InputStream in = store.open(url("/data"), 0, data.length)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        // The image is bigger than what the server now has: the download fails rather than ending short.
        try (InputStream in = store.open(url("/data"), 0, data.length + 10)) {
            assertThrows(java.io.EOFException.class, in::readAllBytes);
        }
    }

    @Test
    void itNeitherWritesNorDeletes() {
        assertTrue(store.isReadOnly());
        assertThrows(ImageStoreException.class, () -> store.write("x", new ByteArrayInputStream(data), -1, 10));
        assertThrows(ImageStoreException.class, () -> store.delete(url("/data")));
        assertThrows(IllegalArgumentException.class, () -> store.path(url("/data")));
    }
}
