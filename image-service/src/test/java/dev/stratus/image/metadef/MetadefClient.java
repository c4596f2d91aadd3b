package dev.stratus.image.metadef;

import static io.restassured.RestAssured.given;

import dev.stratus.image.ImageTestKeys;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;

/** Requests to the catalog as the tests' callers: an admin, members of two projects, and a reader. */
final class MetadefClient {

    static final String NAMESPACES = "/v2/metadefs/namespaces";

    private final ImageTestKeys keys;

    MetadefClient(ImageTestKeys keys) {
        this.keys = keys;
    }

    RequestSpecification admin() {
        return as(keys.admin());
    }

    /** A member (and reader) of project-a. */
    RequestSpecification alice() {
        return as(keys.member("alice", "project-a"));
    }

    /** A member (and reader) of project-b. */
    RequestSpecification bob() {
        return as(keys.member("bob", "project-b"));
    }

    /** Only a reader of project-a. */
    RequestSpecification reader() {
        return as(keys.token("rita", "project-a", List.of("reader")));
    }

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A namespace created by the admin with the given extra attributes (JSON members, may be empty). */
    String namespace(String extra) {
        String name = unique("ns");
        admin().body("{\"namespace\": \"" + name + "\"" + (extra.isEmpty() ? "" : ", " + extra) + "}")
                .post(NAMESPACES).then().statusCode(201);
        return name;
    }

    /** A public, unprotected namespace. */
    String publicNamespace() {
        return namespace("\"visibility\": \"public\"");
    }
}
