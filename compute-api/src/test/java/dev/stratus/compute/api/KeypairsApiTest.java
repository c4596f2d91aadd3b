package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class KeypairsApiTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC1U/FzXV0ymBdL/HVeZ2lMF1gmbDMq7A0u41+SznKv1"
            + " test@stratus";
    static final String ED25519_MD5 = "34:4c:6e:66:55:53:20:db:ff:7a:52:f9:06:c1:4b:41";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC4XbPdjosjoBOBB3O6l1MPdk5h0ook01eO9i7c343ticB4M"
            + "0+9kOR8EjlC0WNdtuT40kFKjdI/EB+0jIbDAJgTMaEHIRz7akSK4Ri1vlc/FwwFQ864H+JJu87ZHHVgNZpkzs3XgxK6SWM/p/3KMjedR"
            + "6pf2aOwm/Xd9eMq80hd+w== rsa@stratus";
    static final String RSA_MD5 = "73:51:9e:53:9b:f8:ea:7b:91:b3:e7:36:f9:84:f1:91";
    static final String MD5_FORMAT = "([0-9a-f]{2}:){15}[0-9a-f]{2}";
    static final String SHA1_FORMAT = "([0-9a-f]{2}:){19}[0-9a-f]{2}";

    @Inject
    ComputeTestKeys keys;

    private RequestSpecification as(String token, String microversion) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + microversion)
                .contentType(ContentType.JSON);
    }

    private static String create(String name, String publicKey) {
        return "{\"keypair\":{\"name\":\"" + name + "\"" + (publicKey == null ? "" : ",\"public_key\":\"" + publicKey
                + "\"") + "}}";
    }

    @Test
    void generatedKeypairAtTwoOneAnswers200WithPrivateKeyAndNoType() {
        String alice = keys.member("kp-alice", "kp-project");
        JsonPath created = as(alice, "2.1").body(create("gen-1", null)).post("/v2.1/os-keypairs").then()
                .statusCode(200)
                .body("keypair.keySet()", containsInAnyOrder("name", "public_key", "fingerprint", "user_id",
                        "private_key"))
                .body("keypair.name", equalTo("gen-1"))
                .body("keypair.user_id", equalTo("kp-alice"))
                .body("keypair.public_key", startsWith("ssh-rsa "))
                .body("keypair.public_key", endsWith(" Generated-by-Nova"))
                .body("keypair.private_key", startsWith("-----BEGIN RSA PRIVATE KEY-----\n"))
                .body("keypair.private_key", endsWith("-----END RSA PRIVATE KEY-----\n"))
                .body("keypair.fingerprint", matchesPattern(MD5_FORMAT))
                .extract().jsonPath();

        assertEquals(sshRsaModulus(created.getString("keypair.public_key")),
                pkcs1Modulus(created.getString("keypair.private_key")), "the private key belongs to the public one");

        as(alice, "2.1").get("/v2.1/os-keypairs/gen-1").then().statusCode(200)
                .body("keypair.keySet()", containsInAnyOrder("name", "public_key", "fingerprint", "user_id", "id",
                        "created_at", "updated_at", "deleted", "deleted_at"))
                .body("keypair.public_key", equalTo(created.getString("keypair.public_key")))
                .body("keypair.fingerprint", equalTo(created.getString("keypair.fingerprint")))
                .body("keypair.user_id", equalTo("kp-alice"))
                .body("keypair.deleted", equalTo(false))
                .body("keypair.deleted_at", nullValue())
                .body("keypair.updated_at", nullValue())
                .body("keypair.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));

        as(alice, "2.1").get("/v2.1/os-keypairs").then().statusCode(200)
                .body("keySet()", contains("keypairs"))
                .body("keypairs", hasSize(1))
                .body("keypairs[0].keypair.keySet()", containsInAnyOrder("name", "public_key", "fingerprint"))
                .body("keypairs[0].keypair.name", equalTo("gen-1"));

        as(alice, "2.1").delete("/v2.1/os-keypairs/gen-1").then().statusCode(202);
        as(alice, "2.1").get("/v2.1/os-keypairs/gen-1").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Keypair gen-1 not found for user kp-alice"));
        as(alice, "2.1").delete("/v2.1/os-keypairs/gen-1").then().statusCode(404);
    }

    /** n of an OpenSSH "ssh-rsa" line: the blob holds the type name, e and n, each length-prefixed. */
    private static BigInteger sshRsaModulus(String publicKey) {
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(publicKey.split(" ")[1]));
        for (int field = 0; field < 2; field++) {
            blob.position(blob.position() + 4 + blob.getInt(blob.position()));
        }
        byte[] n = new byte[blob.getInt()];
        blob.get(n);
        return new BigInteger(n);
    }

    /** n of a PKCS#1 RSAPrivateKey: SEQUENCE { INTEGER version, INTEGER n, ... }. */
    private static BigInteger pkcs1Modulus(String pem) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        int at = headerLength(der, 0);
        at += headerLength(der, at) + (der[at + 1] & 0xff);
        int header = headerLength(der, at);
        int length;
        if ((der[at + 1] & 0x80) == 0) {
            length = der[at + 1];
        } else {
            length = 0;
            for (int i = 0; i < (der[at + 1] & 0x7f); i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
        }
        return new BigInteger(Arrays.copyOfRange(der, at + header, at + header + length));
    }

    private static int headerLength(byte[] der, int at) {
        return (der[at + 1] & 0x80) == 0 ? 2 : 2 + (der[at + 1] & 0x7f);
    }

    @Test
    void importedKeypairFromTwoTwoIsTypedAnswers201And204() {
        String bob = keys.member("kp-bob", "kp-project");
        as(bob, "2.2").body(create("imported", ED25519)).post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.keySet()", containsInAnyOrder("name", "public_key", "fingerprint", "user_id", "type"))
                .body("keypair.type", equalTo("ssh"))
                .body("keypair.public_key", equalTo(ED25519))
                .body("keypair.fingerprint", equalTo(ED25519_MD5));
        as(bob, "2.2").body(create("imported", RSA)).post("/v2.1/os-keypairs").then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Key pair 'imported' already exists."));
        as(bob, "2.10").body(create("rsa key", RSA)).post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.fingerprint", equalTo(RSA_MD5));

        as(bob, "2.2").get("/v2.1/os-keypairs/imported").then().statusCode(200)
                .body("keypair.type", equalTo("ssh")).body("keypair.id", instanceOf(Integer.class));
        as(bob, "2.2").get("/v2.1/os-keypairs/rsa key").then().statusCode(200)
                .body("keypair.name", equalTo("rsa key"));
        as(bob, "2.2").get("/v2.1/os-keypairs").then().statusCode(200)
                .body("keypairs.keypair.name", contains("imported", "rsa key"))
                .body("keypairs[0].keypair.keySet()", containsInAnyOrder("name", "public_key", "fingerprint", "type"));

        as(bob, "2.2").delete("/v2.1/os-keypairs/imported").then().statusCode(204);
        as(bob, "2.2").delete("/v2.1/os-keypairs/rsa key").then().statusCode(204);
        as(bob, "2.2").get("/v2.1/os-keypairs").then().statusCode(200).body("keypairs", hasSize(0));
    }

    @Test
    void x509KeypairsAreGeneratedAsCertificateAndPkcs12AndCanBeImported() throws Exception {
        String carol = keys.member("kp-carol", "kp-project");
        JsonPath created = as(carol, "2.90").body("{\"keypair\":{\"name\":\"winrm\",\"type\":\"x509\"}}")
                .post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.type", equalTo("x509"))
                .body("keypair.public_key", startsWith("-----BEGIN CERTIFICATE-----"))
                .body("keypair.fingerprint", matchesPattern(SHA1_FORMAT))
                .extract().jsonPath();

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(created.getString("keypair.public_key").getBytes()));
        assertEquals("CN=kp-carol", cert.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        cert.verify(cert.getPublicKey());
        KeyStore bundle = KeyStore.getInstance("PKCS12");
        bundle.load(new ByteArrayInputStream(Base64.getDecoder().decode(created.getString("keypair.private_key"))),
                new char[0]);
        String alias = bundle.aliases().nextElement();
        assertTrue(bundle.isKeyEntry(alias));
        assertEquals(cert, bundle.getCertificate(alias));

        String pem = created.getString("keypair.public_key").replace("\n", "\\n");
        as(carol, "2.2").body("{\"keypair\":{\"name\":\"winrm-copy\",\"type\":\"x509\",\"public_key\":\"" + pem + "\"}}")
                .post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.fingerprint", equalTo(created.getString("keypair.fingerprint")))
                .body("keypair.keySet()", not(hasItem("private_key")));
        as(carol, "2.2").body("{\"keypair\":{\"name\":\"bad-cert\",\"type\":\"x509\",\"public_key\":\"nope\"}}")
                .post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", startsWith("Keypair data is invalid: failed to generate X509 fingerprint."));
    }

    @Test
    void badBodiesAre400WithNovasMessages() {
        String dave = keys.member("kp-dave", "kp-project");
        as(dave, "2.2").body(create("bad", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB")).post("/v2.1/os-keypairs").then()
                .statusCode(400).body("badRequest.message", equalTo("Keypair data is invalid: failed to generate fingerprint"));
        as(dave, "2.2").body(create("bad", "ssh-rsa " + "A".repeat(2048))).post("/v2.1/os-keypairs").then()
                .statusCode(400);
        as(dave, "2.2").body(create("bad", "")).post("/v2.1/os-keypairs").then().statusCode(400);
        as(dave, "2.2").body(create("a*b", ED25519)).post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for field/attribute name. Value: a*b. 'a*b' does not"
                        + " match '^[_\\\\- a-zA-Z0-9]+$'"));
        as(dave, "2.90").body(create("dotted.name", ED25519)).post("/v2.1/os-keypairs").then().statusCode(400);
        as(dave, "2.2").body(create("x".repeat(256), ED25519)).post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", endsWith("is too long"));
        as(dave, "2.2").body(create("", ED25519)).post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", endsWith("'' is too short"));
        as(dave, "2.2").body(create(" padded", ED25519)).post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", equalTo("An invalid 'name' value was provided. The name must be: printable "
                        + "characters. Can not start or end with whitespace."));
        as(dave, "2.2").body("{\"keypair\":{\"public_key\":\"" + ED25519 + "\"}}").post("/v2.1/os-keypairs").then()
                .statusCode(400).body("badRequest.message", endsWith("'name' is a required property"));
        as(dave, "2.2").body("{\"keypair\":{\"name\":5}}").post("/v2.1/os-keypairs").then()
                .statusCode(400).body("badRequest.message", endsWith("5 is not of type 'string'"));
        as(dave, "2.1").body("{\"keypair\":{\"name\":\"t\",\"type\":\"ssh\"}}").post("/v2.1/os-keypairs").then()
                .statusCode(400).body("badRequest.message",
                        equalTo("Additional properties are not allowed ('type' was unexpected)"));
        as(dave, "2.9").body("{\"keypair\":{\"name\":\"t\",\"user_id\":\"kp-dave\"}}").post("/v2.1/os-keypairs")
                .then().statusCode(400).body("badRequest.message", containsString("'user_id' was unexpected"));
        as(dave, "2.2").body("{\"keypair\":{\"name\":\"t\",\"type\":\"rsa\"}}").post("/v2.1/os-keypairs").then()
                .statusCode(400).body("badRequest.message", equalTo("Invalid input for field/attribute type. Value: rsa."
                        + " 'rsa' is not one of ['ssh', 'x509']"));
        as(dave, "2.2").body("{\"other\":{}}").post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.message", endsWith("'keypair' is a required property"));
        as(dave, "2.2").get("/v2.1/os-keypairs").then().statusCode(200).body("keypairs", hasSize(0));
    }

    @Test
    void keypairsBelongToTheirUserAndAdminsNameUsersFromTwoTen() {
        String erin = keys.member("kp-erin", "kp-project");
        String frank = keys.member("kp-frank", "kp-project");
        as(erin, "2.10").body(create("mine", ED25519)).post("/v2.1/os-keypairs").then().statusCode(201);

        as(frank, "2.10").get("/v2.1/os-keypairs/mine").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Keypair mine not found for user kp-frank"));
        as(frank, "2.10").get("/v2.1/os-keypairs").then().statusCode(200).body("keypairs", hasSize(0));
        as(frank, "2.10").get("/v2.1/os-keypairs/mine?user_id=kp-erin").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-keypairs:show to be performed."));
        as(frank, "2.10").get("/v2.1/os-keypairs?user_id=kp-erin").then().statusCode(403);
        as(frank, "2.10").delete("/v2.1/os-keypairs/mine?user_id=kp-erin").then().statusCode(403);
        as(frank, "2.10").body("{\"keypair\":{\"name\":\"planted\",\"public_key\":\"" + ED25519
                + "\",\"user_id\":\"kp-erin\"}}").post("/v2.1/os-keypairs").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-keypairs:create to be performed."));
        // below 2.10 user_id is not a parameter: frank sees his own (none)
        as(frank, "2.9").get("/v2.1/os-keypairs/mine?user_id=kp-erin").then().statusCode(404);

        as(keys.admin(), "2.10").get("/v2.1/os-keypairs/mine?user_id=kp-erin").then().statusCode(200)
                .body("keypair.user_id", equalTo("kp-erin"));
        as(keys.admin(), "2.10").get("/v2.1/os-keypairs?user_id=kp-erin").then().statusCode(200)
                .body("keypairs.keypair.name", contains("mine"));
        as(keys.admin(), "2.10").body("{\"keypair\":{\"name\":\"given\",\"public_key\":\"" + RSA
                + "\",\"user_id\":\"kp-frank\"}}").post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.user_id", equalTo("kp-frank"));
        as(frank, "2.10").get("/v2.1/os-keypairs").then().statusCode(200).body("keypairs.keypair.name",
                contains("given"));
        as(keys.admin(), "2.10").delete("/v2.1/os-keypairs/given?user_id=kp-frank").then().statusCode(204);
        as(frank, "2.10").get("/v2.1/os-keypairs/given").then().statusCode(404);
        as(erin, "2.10").delete("/v2.1/os-keypairs/mine").then().statusCode(204);
    }

    @Test
    void pagingFromTwoThirtyFive() {
        String gina = keys.member("kp-gina", "kp-project");
        for (String name : List.of("page-c", "page-a", "page-b")) {
            as(gina, "2.35").body(create(name, ED25519)).post("/v2.1/os-keypairs").then().statusCode(201);
        }
        as(gina, "2.35").get("/v2.1/os-keypairs?limit=2").then().statusCode(200)
                .body("keypairs.keypair.name", contains("page-a", "page-b"))
                .body("keypairs_links[0].rel", equalTo("next"))
                .body("keypairs_links[0].href", containsString("/v2.1/os-keypairs?"))
                .body("keypairs_links[0].href", containsString("marker=page-b"));
        as(gina, "2.35").get("/v2.1/os-keypairs?limit=2&marker=page-b").then().statusCode(200)
                .body("keypairs.keypair.name", contains("page-c"))
                .body("keySet()", contains("keypairs"));
        as(gina, "2.35").get("/v2.1/os-keypairs").then().statusCode(200).body("keypairs", hasSize(3))
                .body("keySet()", contains("keypairs"));
        as(gina, "2.35").get("/v2.1/os-keypairs?marker=nope").then().statusCode(400)
                .body("badRequest.message", equalTo("Marker nope could not be found."));
        as(gina, "2.35").get("/v2.1/os-keypairs?limit=-1").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for query parameters limit. Value: -1. '-1' does not"
                        + " match '^[0-9]*$'"));
        // before 2.35 there is no paging: limit is ignored
        as(gina, "2.34").get("/v2.1/os-keypairs?limit=1").then().statusCode(200).body("keypairs", hasSize(3));
        // unknown parameters: ignored up to 2.74, refused from 2.75
        as(gina, "2.74").get("/v2.1/os-keypairs?sort=name").then().statusCode(200);
        as(gina, "2.75").get("/v2.1/os-keypairs?sort=name").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('sort' was unexpected)"));
        as(gina, "2.75").get("/v2.1/os-keypairs/page-a?sort=name").then().statusCode(400);
        for (String name : List.of("page-a", "page-b", "page-c")) {
            as(gina, "2.35").delete("/v2.1/os-keypairs/" + name).then().statusCode(204);
        }
    }

    @Test
    void keyPairQuotaIsPerUser() {
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"key_pairs\":1}}")
                .put("/v2.1/os-quota-sets/kp-quota-project?user_id=kp-hank").then().statusCode(200)
                .body("quota_set.key_pairs", equalTo(1));
        String hank = keys.member("kp-hank", "kp-quota-project");
        as(hank, "2.2").body(create("first", ED25519)).post("/v2.1/os-keypairs").then().statusCode(201);
        as(hank, "2.2").body(create("second", ED25519)).post("/v2.1/os-keypairs").then().statusCode(403)
                .body("forbidden.message", equalTo("Quota exceeded, too many key pairs."));
        as(hank, "2.2").body(create("third", null)).post("/v2.1/os-keypairs").then().statusCode(403);
        // another user of the same project is not limited by hank's quota
        as(keys.member("kp-ivy", "kp-quota-project"), "2.2").body(create("second", ED25519))
                .post("/v2.1/os-keypairs").then().statusCode(201);
        as(hank, "2.2").get("/v2.1/os-keypairs").then().body("keypairs.keypair.name", contains("first"));
    }
}
