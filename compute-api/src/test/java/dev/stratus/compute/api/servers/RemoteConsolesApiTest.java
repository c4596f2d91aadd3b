package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.common.console.RfbSession;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.console.NoVncProxy;
import dev.stratus.compute.api.console.RawWebSocket;
import dev.stratus.compute.api.operator.TempestSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * VNC consoles through the API as Nova answers them: {@code os-getVNCConsole} (2.1 to 2.5), {@code remote-consoles}
 * (2.6 on), {@code os-console-auth-tokens} (admin, 2.31 on), each held to Tempest's schema where it has one, the
 * refusals in Nova's words, tokens stored hashed and gone with their server, and one URL opened through the proxy
 * to a real RFB server.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class RemoteConsolesApiTest extends ServerApiTestBase {

    private static final String BASE = "http://127.0.0.1:6080/vnc_lite.html?path=%3Ftoken%3D";

    @Inject
    Db db;

    @Inject
    NoVncProxy proxy;

    private final TempestSchemas tempest = new TempestSchemas();

    private static Response action(String token, String version, String id, String body) {
        return as(token, version).body(body).post("/v2.1/servers/" + id + "/action");
    }

    private static Response remote(String token, String version, String id, String protocol, String type) {
        return as(token, version).body("{\"remote_console\": {\"protocol\": \"" + protocol + "\", \"type\": \"" + type
                + "\"}}").post("/v2.1/servers/" + id + "/remote-consoles");
    }

    private static String vnc(String type) {
        return "{\"os-getVNCConsole\": {\"type\": \"" + type + "\"}}";
    }

    private static String tokenOf(String url) {
        assertTrue(url.startsWith(BASE), url);
        String path = URLDecoder.decode(URI.create(url).getRawQuery().substring("path=".length()),
                StandardCharsets.UTF_8);
        return path.substring("?token=".length());
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theActionUpTo25AndRemoteConsolesFrom26GiveANoVncUrlWithAStoredToken() throws Exception {
        String owner = keys.member("vnca", "p-vnc-1");
        String id = fixture.activeServer(owner, "console");
        stub.vncAnswers.put(id, GuestConsoleEndpoint.ready("127.0.0.1", 5907));

        Response legacy = action(owner, "2.1", id, vnc("novnc"));
        legacy.then().statusCode(200).body("console.type", equalTo("novnc")).body("console.url", startsWith(BASE));
        tempest.check("v2_1.servers", "get_vnc_console", legacy);
        action(owner, "2.5", id, vnc("novnc")).then().statusCode(200);
        action(owner, "2.6", id, vnc("novnc")).then().statusCode(404);

        Response current = remote(owner, "2.6", id, "vnc", "novnc");
        current.then().statusCode(200).body("remote_console.protocol", equalTo("vnc"))
                .body("remote_console.type", equalTo("novnc")).body("remote_console.url", startsWith(BASE));
        tempest.check("v2_6.servers", "get_remote_consoles", current);
        remote(owner, "2.90", id, "vnc", "novnc").then().statusCode(200);
        remote(owner, "2.5", id, "vnc", "novnc").then().statusCode(404);

        String token = tokenOf(current.jsonPath().getString("remote_console.url"));
        assertTrue(!token.equals(tokenOf(legacy.jsonPath().getString("console.url"))), "a new token each time");
        assertEquals(1, db.count("select count(*) from console_auth_tokens where token_hash = ? and instance_uuid = ?"
                + " and host = '127.0.0.1' and port = 5907 and console_type = 'novnc'"
                + " and expires between now() + interval '590 seconds' and now() + interval '610 seconds'",
                sha256(token), id), "stored by its hash with Nova's 10 minutes to live");
        assertEquals(0, db.count("select count(*) from console_auth_tokens where token_hash = ?", token),
                "never the token itself");

        Response shown = as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + token);
        shown.then().statusCode(200).body("console.instance_uuid", equalTo(id))
                .body("console.host", equalTo("127.0.0.1")).body("console.port", equalTo(5907))
                .body("console.internal_access_path", equalTo(null));
        assertEquals(4, shown.jsonPath().getMap("console").size());
        tempest.verify();
    }

    @Test
    void consoleAuthTokensAreForAdminsFrom231() {
        String owner = keys.member("vncb", "p-vnc-2");
        String id = fixture.activeServer(owner, "tokens");
        String token = tokenOf(remote(owner, "2.6", id, "vnc", "novnc").jsonPath().getString("remote_console.url"));
        as(keys.admin(), "2.30").get("/v2.1/os-console-auth-tokens/" + token).then().statusCode(400);
        as(owner, "2.31").get("/v2.1/os-console-auth-tokens/" + token).then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-console-auth-tokens to be"
                        + " performed."));
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/bad" + token).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Token not found"));
    }

    @Test
    void aDeletedServersTokensGo() {
        String owner = keys.member("vncc", "p-vnc-3");
        String id = fixture.activeServer(owner, "doomed");
        String token = tokenOf(action(owner, "2.1", id, vnc("novnc")).jsonPath().getString("console.url"));
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + token).then().statusCode(200);
        as(owner, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        fixture.report(id, "deleted", null, true, 0, SchedulerStub.HOST, null, null);
        SchedulerStub.await(() -> db.count("select count(*) from console_auth_tokens where instance_uuid = ?", id) == 0
                ? Boolean.TRUE : null, "the tokens of " + id + " removed");
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + token).then().statusCode(404);
    }

    @Test
    void tokensGoWhenTheServerIsRebuiltOrLeavesItsHost() {
        String owner = keys.member("vnce", "p-vnc-5");
        String id = fixture.activeServer(owner, "wanders");
        String first = tokenOf(remote(owner, "2.6", id, "vnc", "novnc").jsonPath().getString("remote_console.url"));
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + first).then().statusCode(200);
        action(owner, "2.1", id, "{\"rebuild\": {\"imageRef\": \"" + TestImages.ALT + "\"}}").then().statusCode(202);
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + first).then().statusCode(404);

        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(owner, id, "ACTIVE");
        String second = tokenOf(remote(owner, "2.6", id, "vnc", "novnc").jsonPath().getString("remote_console.url"));
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + second).then().statusCode(200);
        // The server turns up on another host (an evacuation, say): the token led to the old one.
        fixture.report(id, "active", null, true, 1, SchedulerStub.OTHER_HOST, null, null);
        SchedulerStub.await(() -> db.count("select count(*) from console_auth_tokens where instance_uuid = ?", id) == 0
                ? Boolean.TRUE : null, "the tokens of " + id + " removed after its move");
        as(keys.admin(), "2.31").get("/v2.1/os-console-auth-tokens/" + second).then().statusCode(404);
    }

    @Test
    void bodiesAndConsolesNovaRefuses() {
        String owner = keys.member("vncd", "p-vnc-4");
        String id = fixture.activeServer(owner, "picky");
        action(owner, "2.1", id, vnc("xvpvnc")).then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid console type xvpvnc"));
        action(owner, "2.1", id, vnc("spice")).then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for field/attribute type. Value: spice. 'spice' is"
                        + " not one of ['novnc', 'xvpvnc']"));
        action(owner, "2.1", id, "{\"os-getVNCConsole\": {}}").then().statusCode(400);
        action(owner, "2.1", id, "{\"os-getVNCConsole\": {\"type\": \"novnc\", \"x\": 1}}").then().statusCode(400);
        action(owner, "2.1", id, "{\"os-getSPICEConsole\": {\"type\": \"spice-html5\"}}").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type spice-html5."));
        action(owner, "2.1", id, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type serial."));
        action(owner, "2.1", UUID.randomUUID().toString(), "{\"os-getRDPConsole\": {\"type\": \"rdp-html5\"}}")
                .then().statusCode(400);

        remote(owner, "2.6", id, "vnc", "xvpvnc").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid console type xvpvnc"));
        remote(owner, "2.6", id, "vnc", "spice-html5").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid console type spice-html5"));
        remote(owner, "2.6", id, "spice", "spice-html5").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type spice-html5."));
        remote(owner, "2.6", id, "rdp", "rdp-html5").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type rdp."));
        remote(owner, "2.6", id, "mks", "webmks").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for field/attribute protocol. Value: mks. 'mks' is"
                        + " not one of ['vnc', 'spice', 'serial', 'rdp']"));
        remote(owner, "2.8", id, "mks", "webmks").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type webmks."));
        as(owner, "2.6").body("{\"remote_console\": {\"protocol\": \"vnc\"}}")
                .post("/v2.1/servers/" + id + "/remote-consoles").then().statusCode(400);
        assertTrue(stub.vncRequests.stream().noneMatch(r -> r.instanceId().equals(id)), "the host was not asked");
    }

    @Test
    void serversThatAreNotThereOrNotReady() {
        String owner = keys.member("vnce", "p-vnc-5");
        String unknown = UUID.randomUUID().toString();
        action(owner, "2.1", unknown, vnc("novnc")).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Instance " + unknown + " could not be found."));
        String id = fixture.activeServer(owner, "private");
        remote(keys.member("vncf", "p-vnc-other"), "2.6", id, "vnc", "novnc").then().statusCode(404);

        String building = fixture.create(owner, "unscheduled");
        remote(owner, "2.6", building, "vnc", "novnc").then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Instance " + building + " is not ready"));

        fixture.report(id, "active", "migrating", false, 1, SchedulerStub.HOST, null, null);
        SchedulerStub.await(() -> action(owner, "2.1", id, vnc("novnc")).statusCode() == 409 ? Boolean.TRUE : null,
                "a migrating server's console refused");
        action(owner, "2.1", id, vnc("novnc")).then().statusCode(409).body("conflictingRequest.message",
                equalTo("Cannot 'get_vnc_console' instance " + id + " while it is in task_state migrating"));
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(owner, id, "ACTIVE");

        stub.vncAnswers.put(id, GuestConsoleEndpoint.refused(Outcome.NOT_READY, "the server is shutdown"));
        remote(owner, "2.6", id, "vnc", "novnc").then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Instance " + id + " is not ready"));
        stub.vncAnswers.put(id, GuestConsoleEndpoint.refused(Outcome.NOT_FOUND, "not here"));
        remote(owner, "2.6", id, "vnc", "novnc").then().statusCode(404);
        stub.vncAnswers.put(id, GuestConsoleEndpoint.refused(Outcome.UNAVAILABLE, "VNC is off"));
        remote(owner, "2.6", id, "vnc", "novnc").then().statusCode(400)
                .body("badRequest.message", equalTo("Unavailable console type novnc."));
        stub.vncAnswers.put(id, GuestConsoleEndpoint.refused(Outcome.NOT_SUPPORTED, "no consoles"));
        action(owner, "2.1", id, vnc("novnc")).then().statusCode(501);
    }

    @Test
    void theUrlOpensTheGuestsScreenThroughTheProxy() throws Exception {
        String owner = keys.member("vncg", "p-vnc-6");
        String id = fixture.activeServer(owner, "screen");
        try (FakeRfbServer rfb = FakeRfbServer.start("127.0.0.1")) {
            stub.vncAnswers.put(id, GuestConsoleEndpoint.ready("127.0.0.1", rfb.port()));
            String url = remote(owner, "2.6", id, "vnc", "novnc").jsonPath().getString("remote_console.url");
            try (RawWebSocket ws = RawWebSocket.open(url, proxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 101"), ws.response);
                byte[] version = ws.receiveFrame();
                assertEquals(RfbSession.VERSION, new String(version, StandardCharsets.US_ASCII));
            }
            String bad = url.replace("token%3D", "token%3Dbad");
            try (RawWebSocket ws = RawWebSocket.open(bad, proxy.port(), null)) {
                assertTrue(ws.response.startsWith("HTTP/1.1 403"), ws.response);
                assertEquals(null, ws.receiveFrame());
            }
        }
    }
}
