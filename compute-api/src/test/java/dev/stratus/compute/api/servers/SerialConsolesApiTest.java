package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.console.NoVncProxy;
import dev.stratus.compute.api.console.RawWebSocket;
import dev.stratus.compute.api.console.SerialProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Serial consoles as Nova answers them: {@code os-getSerialConsole} (2.1 to 2.5) and {@code remote-consoles}
 * (2.6 on) give {@code ws://...:6083/?token=...} when the server's host has serial consoles on; the serial proxy
 * relays a websocket opened with that token (as Tempest opens it: the token in a cookie) to the TCP end of the
 * guest's serial port; tokens of one console type open no other proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class SerialConsolesApiTest extends ServerApiTestBase {

    private static final String BASE = "ws://127.0.0.1:6083/?token=";

    @Inject
    Db db;

    @Inject
    SerialProxy serialProxy;

    @Inject
    NoVncProxy noVncProxy;

    private static Response remote(String token, String version, String id, String protocol, String type) {
        return as(token, version).body("{\"remote_console\": {\"protocol\": \"" + protocol + "\", \"type\": \"" + type
                + "\"}}").post("/v2.1/servers/" + id + "/remote-consoles");
    }

    /** A guest's tty in echo mode, as the fake driver's: every byte comes back, one connection at a time. */
    private static ServerSocket echo() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                    byte[] buffer = new byte[1024];
                    for (int n; (n = in.read(buffer)) > 0;) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            }
        }, "serial-echo");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    @Test
    void theActionAndRemoteConsolesGiveASerialUrlWhenTheHostHasThem() {
        String owner = keys.member("sera", "p-serial-1");
        String id = fixture.activeServer(owner, "serial");
        as(owner, "2.1").body("{\"os-getSerialConsole\": {\"type\": \"serial\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type serial."));

        stub.serialAnswers.put(id, GuestConsoleEndpoint.ready("127.0.0.1", 10000));
        String url = as(owner, "2.1").body("{\"os-getSerialConsole\": {\"type\": \"serial\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(200)
                .body("console.type", equalTo("serial")).body("console.url", startsWith(BASE))
                .extract().path("console.url");
        assertEquals(1, db.count("select count(*) from console_auth_tokens where instance_uuid = ?"
                + " and console_type = 'serial' and port = 10000 and access_url_base = 'ws://127.0.0.1:6083/'", id));
        remote(owner, "2.6", id, "serial", "serial").then().statusCode(200)
                .body("remote_console.protocol", equalTo("serial")).body("remote_console.type", equalTo("serial"))
                .body("remote_console.url", startsWith(BASE));
        assertTrue(!url.equals(remote(owner, "2.6", id, "serial", "serial").jsonPath()
                .getString("remote_console.url")), "a new token each time");

        remote(owner, "2.6", id, "serial", "novnc").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid console type novnc"));
        as(owner, "2.1").body("{\"os-getSerialConsole\": {\"type\": \"novnc\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        stub.serialAnswers.put(id, GuestConsoleEndpoint.refused(Outcome.NOT_READY, "the server is shutdown"));
        remote(owner, "2.6", id, "serial", "serial").then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Instance " + id + " is not ready"));
        assertTrue(stub.serialRequests.stream().anyMatch(r -> r.instanceId().equals(id)));
    }

    @Test
    void theUrlReachesTheGuestsSerialPortThroughTheProxyAndNoOtherProxy() throws Exception {
        String owner = keys.member("serb", "p-serial-2");
        String id = fixture.activeServer(owner, "typing");
        try (ServerSocket tty = echo()) {
            stub.serialAnswers.put(id, GuestConsoleEndpoint.ready("127.0.0.1", tty.getLocalPort()));
            String url = remote(owner, "2.6", id, "serial", "serial").jsonPath().getString("remote_console.url");
            try (RawWebSocket ws = RawWebSocket.open(url, serialProxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 101"), ws.response);
                byte[] typed = "test_serial_console".getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(typed);
                assertArrayEquals(typed, ws.receiveFrame());
            }
            try (RawWebSocket ws = RawWebSocket.open(url.replace("token=", "token=bad"), serialProxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
            }
            try (RawWebSocket ws = RawWebSocket.open(url, noVncProxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 403"), "a serial token opens no VNC console: "
                        + ws.response);
            }
            try (RawWebSocket ws = RawWebSocket.open(url, serialProxy.port(), "http://evil.example")) {
                assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
            }
            String vnc = remote(owner, "2.6", id, "vnc", "novnc").jsonPath().getString("remote_console.url");
            try (RawWebSocket ws = RawWebSocket.open("ws://127.0.0.1/?" + java.net.URLDecoder.decode(
                    vnc.substring(vnc.indexOf("path=") + 5), StandardCharsets.UTF_8).substring(1),
                    serialProxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 403"), "a VNC token opens no serial console: "
                        + ws.response);
            }
        }
    }
}
