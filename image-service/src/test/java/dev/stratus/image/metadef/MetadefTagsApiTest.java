package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.stratus.image.ImageTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/namespaces/{ns}/tags}: lists of tags, single tags, renames, protection, policies. */
@QuarkusTest
class MetadefTagsApiTest {

    @Inject
    ImageTestKeys keys;

    MetadefClient api;

    @BeforeEach
    void client() {
        api = new MetadefClient(keys);
    }

    private static String tags(String namespace) {
        return MetadefClient.NAMESPACES + "/" + namespace + "/tags";
    }

    private static final String THREE = "{\"tags\": [{\"name\": \"sample-tag1\"}, {\"name\": \"sample-tag2\"},"
            + " {\"name\": \"sample-tag3\"}]}";

    @Test
    void createListAndDeleteAll() {
        String ns = api.publicNamespace();
        api.admin().body(THREE).post(tags(ns)).then().statusCode(201)
                .body("tags.name", contains("sample-tag1", "sample-tag2", "sample-tag3"));
        api.bob().get(tags(ns)).then().statusCode(200)
                .body("tags.name", containsInAnyOrder("sample-tag1", "sample-tag2", "sample-tag3"));
        // Without X-Openstack-Append the list replaces the namespace's tags; with it, it extends them.
        api.admin().body("{\"tags\": [{\"name\": \"other\"}]}").post(tags(ns)).then().statusCode(201);
        api.admin().get(tags(ns)).then().body("tags.name", contains("other"));
        api.admin().header("X-Openstack-Append", "True").body(THREE).post(tags(ns)).then().statusCode(201)
                .body("tags", hasSize(3));
        api.admin().get(tags(ns)).then().body("tags", hasSize(4));
        api.admin().header("X-Openstack-Append", "yes").body("{\"tags\": [{\"name\": \"OTHER\"}]}").post(tags(ns))
                .then().statusCode(409);
        api.admin().get(tags(ns)).then().body("tags", hasSize(4));
        api.admin().body("{\"tags\": []}").post(tags(ns)).then().statusCode(201).body("tags", hasSize(0));
        api.admin().get(tags(ns)).then().body("tags", hasSize(4));
        api.admin().delete(tags(ns)).then().statusCode(204);
        api.admin().get(tags(ns)).then().statusCode(200).body("tags", hasSize(0));
    }

    @Test
    void sortLimitAndMarker() {
        String ns = api.publicNamespace();
        api.admin().body("{\"tags\": [{\"name\": \"b\"}, {\"name\": \"c\"}, {\"name\": \"a\"}]}").post(tags(ns))
                .then().statusCode(201);
        api.admin().queryParam("sort_key", "name").queryParam("sort_dir", "asc").get(tags(ns)).then()
                .body("tags.name", contains("a", "b", "c"));
        api.admin().queryParam("sort_key", "name").queryParam("sort_dir", "asc").queryParam("limit", 1)
                .queryParam("marker", "a").get(tags(ns)).then().body("tags.name", contains("b"));
        api.admin().queryParam("marker", "zz").get(tags(ns)).then().statusCode(404)
                .body("error.message", equalTo("Could not find metadata tag zz"));
        api.admin().queryParam("sort_dir", "up").get(tags(ns)).then().statusCode(400)
                .body("error.message", equalTo("Invalid sort direction: up"));
    }

    @Test
    void singleTagCreateShowRenameDelete() {
        String ns = api.publicNamespace();
        api.admin().post(tags(ns) + "/tag_name").then().statusCode(201)
                .body("name", equalTo("tag_name"))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
        api.admin().post(tags(ns) + "/TAG_NAME").then().statusCode(409)
                .body("error.message", equalTo("A metadata tag with name=TAG_NAME already exists in namespace=" + ns
                        + ". (Please note that metadata tag names are case insensitive)."));
        api.bob().get(tags(ns) + "/tag_name").then().statusCode(200).body("name", equalTo("tag_name"));
        api.admin().body("{\"name\": \"renamed\"}").put(tags(ns) + "/tag_name").then().statusCode(200)
                .body("name", equalTo("renamed"));
        api.admin().body("{\"name\": \"Renamed\"}").put(tags(ns) + "/renamed").then().statusCode(200)
                .body("name", equalTo("Renamed"));
        api.admin().post(tags(ns) + "/other").then().statusCode(201);
        api.admin().body("{\"name\": \"OTHER\"}").put(tags(ns) + "/Renamed").then().statusCode(409);
        api.admin().get(tags(ns) + "/tag_name").then().statusCode(404)
                .body("error.message", equalTo("Could not find metadata tag tag_name"));
        api.admin().delete(tags(ns) + "/Renamed").then().statusCode(204);
        api.admin().get(tags(ns)).then().body("tags.name", contains("other"));
        api.admin().post(tags(ns) + "/" + "x".repeat(81)).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'tag': '" + "x".repeat(81)
                        + "' is too long"));
    }

    @Test
    void protectionAndPolicies() {
        String ns = api.namespace("\"visibility\": \"public\", \"protected\": true, \"tags\": [{\"name\": \"t\"}]");
        api.admin().delete(tags(ns) + "/t").then().statusCode(403)
                .body("error.message", equalTo("Metadata definition tag t is protected and cannot be deleted."));
        api.admin().delete(tags(ns)).then().statusCode(403);
        api.alice().post(tags(ns) + "/u").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete add_metadef_tag action."));
        api.alice().body(THREE).post(tags(ns)).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete add_metadef_tags action."));
        api.alice().body("{\"name\": \"u\"}").put(tags(ns) + "/t").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete modify_metadef_tag action."));
        api.alice().delete(tags(ns) + "/t").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete delete_metadef_tag action."));
        api.admin().body("{\"tags\": [{\"label\": \"x\"}]}").post(tags(ns)).then().statusCode(400);
        String hidden = api.namespace("\"owner\": \"project-b\"");
        api.alice().get(tags(hidden)).then().statusCode(404)
                .body("error.message", equalTo("Namespace " + hidden + " not found"));
    }
}
