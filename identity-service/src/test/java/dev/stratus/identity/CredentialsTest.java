package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keystone's /v3/credentials and OS-EC2 credentials: who manages which, and what is stored. */
@QuarkusTest
class CredentialsTest {

    @Inject
    Pool database;

    private String admin;
    private String user;
    private String project;
    private String token;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @BeforeEach
    void tenant() {
        admin = Tokens.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        project = as(admin).body("{\"project\": {\"name\": \"cr-" + suffix + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        user = as(admin).body("{\"user\": {\"name\": \"cr-" + suffix + "\", \"password\": \"pw-" + suffix + "\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        token = Tokens.issue("cr-" + suffix, "pw-" + suffix, "cr-" + suffix);
    }

    @Test
    void anEc2CredentialIsNamedByItsAccessKeyAndItsBlobIsEncryptedAtRest() throws Exception {
        String blob = "{\"access\": \"AKIA-" + UUID.randomUUID() + "\", \"secret\": \"s3cr3t-blob-value\"}";
        String access = blob.substring(blob.indexOf("AKIA"), blob.indexOf("\", \"secret"));
        String id = as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"project_id\": \"" + project
                + "\", \"type\": \"ec2\", \"blob\": " + quoted(blob) + "}}").post("/v3/credentials")
                .then().statusCode(201).body("credential.blob", equalTo(blob))
                .body("credential.type", equalTo("ec2")).extract().path("credential.id");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(access.getBytes())), id);
        String stored = database.preparedQuery("select encrypted_blob from credential where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next()
                .getString(0);
        assertFalse(stored.contains("s3cr3t"), "the blob is not stored in clear: " + stored);

        as(token).get("/v3/credentials/" + id).then().statusCode(200).body("credential.blob", equalTo(blob));
        as(token).get("/v3/credentials").then().statusCode(200).body("credentials.id", hasItem(id));
        as(Tokens.demo()).get("/v3/credentials/" + id).then().statusCode(403);
        as(Tokens.demo()).get("/v3/credentials").then().statusCode(200).body("credentials.id", not(hasItem(id)));
        as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"type\": \"ec2\", \"blob\": "
                + quoted(blob) + "}}").post("/v3/credentials").then().statusCode(409);

        String changed = "{\"access\": \"" + access + "\", \"secret\": \"rotated\"}";
        as(admin).body("{\"credential\": {\"blob\": " + quoted(changed) + "}}").patch("/v3/credentials/" + id)
                .then().statusCode(200).body("credential.blob", equalTo(changed)).body("credential.id", equalTo(id));
        as(token).delete("/v3/credentials/" + id).then().statusCode(204);
        as(token).get("/v3/credentials/" + id).then().statusCode(404);
    }

    @Test
    void badCredentialsAreRefused() {
        as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"type\": \"ec2\", \"blob\": \"not json\"}}")
                .post("/v3/credentials").then().statusCode(400);
        as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"type\": \"ec2\", \"blob\":"
                + " \"{\\\"secret\\\": \\\"x\\\"}\"}}").post("/v3/credentials").then().statusCode(400)
                .body("error.message", containsString("access"));
        as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"type\": \"totp\"}}")
                .post("/v3/credentials").then().statusCode(400);
        as(Tokens.demo()).body("{\"credential\": {\"user_id\": \"" + user + "\", \"type\": \"cert\", \"blob\": \"x\"}}")
                .post("/v3/credentials").then().statusCode(403);
        as(token).body("{\"credential\": {\"user_id\": \"" + user + "\", \"project_id\": \"nope\", \"type\": \"cert\","
                + " \"blob\": \"x\"}}").post("/v3/credentials").then().statusCode(404);
    }

    @Test
    void ec2KeyPairsAreMadeListedShownAndDeletedByTheirAccessKey() {
        String ec2 = "/v3/users/" + user + "/credentials/OS-EC2";
        var made = as(token).body("{\"tenant_id\": \"" + project + "\"}").post(ec2).then().statusCode(201)
                .body("credential.user_id", equalTo(user)).body("credential.tenant_id", equalTo(project))
                .body("credential.trust_id", equalTo(null)).extract();
        String access = made.path("credential.access");
        String secret = made.path("credential.secret");
        as(token).get(ec2 + "/" + access).then().statusCode(200).body("credential.secret", equalTo(secret));
        as(token).get(ec2).then().statusCode(200).body("credentials.access", hasItem(access));
        as(admin).get(ec2 + "/" + access).then().statusCode(200);
        as(Tokens.demo()).get(ec2 + "/" + access).then().statusCode(403);
        as(token).body("{\"tenant_id\": \"no-such-project\"}").post(ec2).then().statusCode(404);
        as(token).body("{}").post(ec2).then().statusCode(400);
        as(token).delete(ec2 + "/" + access).then().statusCode(204);
        as(token).get(ec2 + "/" + access).then().statusCode(404);
        as(token).delete(ec2 + "/" + access).then().statusCode(404);
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
