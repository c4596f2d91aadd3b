package dev.stratus.compute.api.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.common.console.RfbSession;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRepository;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRow;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The noVNC proxy with real websockets to a real RFB server (common's {@link FakeRfbServer}, what the fake
 * driver's guests show), driven as Tempest's test_novnc drives nova-novncproxy: the page, the upgrade with the
 * token in noVNC's path, the RFB negotiation up to ServerInit; and the refusals (bad, expired token, foreign Origin).
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class NoVncProxyTest {

    private static final String BASE = "http://127.0.0.1:6080/vnc_lite.html";

    @Inject
    NoVncProxy proxy;

    @Inject
    ConsoleTokens tokens;

    @Inject
    ConsoleAuthTokenRepository repository;

    private FakeRfbServer rfb;

    @BeforeEach
    void start() throws IOException {
        rfb = FakeRfbServer.start("127.0.0.1");
    }

    @AfterEach
    void stop() {
        rfb.close();
    }

    private String consoleUrl(String token) {
        return BASE + "?path=" + URLEncoder.encode("?token=" + token, StandardCharsets.UTF_8);
    }

    @Test
    void aValidTokenReachesTheGuestsVncServerThroughTheWholeRfbHandshake() throws Exception {
        String token = tokens.authorize(UUID.randomUUID().toString(), "novnc", "127.0.0.1", rfb.port(), BASE);
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), null)) {
            assertTrue(ws.response.startsWith("HTTP/1.1 101 Switching Protocols"), ws.response);
            assertTrue(ws.response.toLowerCase().contains("upgrade: websocket"), ws.response);
            assertTrue(ws.response.toLowerCase().contains("sec-websocket-protocol: binary"), ws.response);
            byte[] version = ws.receiveFrame();
            assertEquals(RfbSession.VERSION, new String(version, StandardCharsets.US_ASCII));
            ws.sendFrame(version);
            assertArrayEquals(new byte[] {1, 1}, ws.receiveFrame(), "security types: None");
            ws.sendFrame(new byte[] {1});
            assertArrayEquals(new byte[] {0, 0, 0, 0}, ws.receiveFrame(), "security result OK");
            ws.sendFrame(new byte[] {1});
            byte[] init = ws.receiveFrame();
            int nameLength = ByteBuffer.wrap(init, 20, 4).getInt();
            assertEquals(24 + nameLength, init.length, "ServerInit, as Tempest checks it");
            assertEquals(RfbSession.WIDTH, ByteBuffer.wrap(init, 0, 2).getShort());
            // a full update of 64x48 at 4 bytes a pixel is more than one small frame: relayed whole all the same
            ws.sendFrame(new byte[] {3, 0, 0, 0, 0, 0, 0, 64, 0, 48});
            int received = 0;
            while (received < 16 + 64 * 48 * 4) {
                byte[] frame = ws.receiveFrame();
                assertNotNull(frame, "the update arrives before anything closes");
                received += frame.length;
            }
            assertEquals(16 + 64 * 48 * 4, received);
        }
    }

    @Test
    void aBadTokenIsRefusedBeforeAnythingIsRelayed() throws Exception {
        String token = tokens.authorize(UUID.randomUUID().toString(), "novnc", "127.0.0.1", rfb.port(), BASE);
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl("bad" + token), proxy.port(), null)) {
            assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
            assertNull(ws.receiveFrame(), "nothing, then the end: Tempest's test_novnc_bad_token");
        }
        try (RawWebSocket ws = RawWebSocket.open(BASE + "?path=websockify", proxy.port(), null)) {
            assertTrue(ws.response.startsWith("HTTP/1.1 403"), "no token at all: " + ws.response);
            assertTrue(ws.closedByServer());
        }
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = "expired-" + UUID.randomUUID();
        repository.insert(sha256(token), new ConsoleAuthTokenRow("novnc", "127.0.0.1", rfb.port(), null,
                UUID.randomUUID().toString(), BASE, Instant.now().minusSeconds(1)));
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), null)) {
            assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
            assertNull(ws.receiveFrame());
        }
    }

    @Test
    void aBrowserMustComeFromThisHost() throws Exception {
        String token = tokens.authorize(UUID.randomUUID().toString(), "novnc", "127.0.0.1", rfb.port(), BASE);
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), "http://evil.example.org")) {
            assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
        }
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), "https://127.0.0.1:" + proxy.port())) {
            assertTrue(ws.response.startsWith("HTTP/1.1 403"), "an https page for an http console: " + ws.response);
        }
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), "http://127.0.0.1:" + proxy.port())) {
            assertTrue(ws.response.startsWith("HTTP/1.1 101"), ws.response);
            assertEquals(RfbSession.VERSION, new String(ws.receiveFrame(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aVncServerThatIsGoneClosesTheWebsocket() throws Exception {
        String token = tokens.authorize(UUID.randomUUID().toString(), "novnc", "127.0.0.1", rfb.port(), BASE);
        rfb.close();
        try (RawWebSocket ws = RawWebSocket.open(consoleUrl(token), proxy.port(), null)) {
            assertTrue(ws.response.startsWith("HTTP/1.1 101"), ws.response);
            assertNull(ws.receiveFrame(), "closed without console data");
        }
    }

    @Test
    void servesNoVncsPage() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/share/novnc/vnc_lite.html")),
                "Debian's novnc package is not installed");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + proxy.port() + "/vnc_lite.html?path=%3Ftoken%3Dx")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("noVNC") && page.body().contains("<script") && page.body().contains("</html>"));
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + proxy.port() + "/no-such-page.html")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static String sha256(String token) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
