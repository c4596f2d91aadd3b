package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.stratus.image.ImageTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/resource_types} and a namespace's associations with them. */
@QuarkusTest
class MetadefResourceTypesApiTest {

    @Inject
    ImageTestKeys keys;

    MetadefClient api;

    @BeforeEach
    void client() {
        api = new MetadefClient(keys);
    }

    private static String associations(String namespace) {
        return MetadefClient.NAMESPACES + "/" + namespace + "/resource_types";
    }

    @Test
    void theStandardTypesAreSeeded() {
        api.reader().get("/v2/metadefs/resource_types").then().statusCode(200)
                .body("resource_types[0].name", equalTo("OS::Glance::Image"))
                .body("resource_types[0].created_at", notNullValue())
                .body("resource_types.name", hasItem("OS::Cinder::Volume"))
                .body("resource_types.name", hasItem("OS::Nova::Flavor"))
                .body("resource_types.name", hasItem("OS::Nova::Server"))
                .body("resource_types.name", hasItem("OS::Nova::Aggregate"));
    }

    @Test
    void associateListAndDissociate() {
        String ns = api.publicNamespace();
        api.admin().body("{\"name\": \"OS::Nova::Flavor\", \"prefix\": \"hw:\", \"properties_target\": \"flavor\"}")
                .post(associations(ns)).then().statusCode(201)
                .body("name", equalTo("OS::Nova::Flavor"))
                .body("prefix", equalTo("hw:"))
                .body("properties_target", equalTo("flavor"))
                .body("created_at", notNullValue());
        api.admin().body("{\"name\": \"OS::Glance::Image\"}").post(associations(ns)).then().statusCode(201)
                .body("prefix", nullValue());
        api.bob().get(associations(ns)).then().statusCode(200)
                .body("resource_type_associations.name", contains("OS::Nova::Flavor", "OS::Glance::Image"));
        api.admin().body("{\"name\": \"OS::Glance::Image\"}").post(associations(ns)).then().statusCode(409)
                .body("error.message", equalTo("The metadata definition resource-type association of"
                        + " resource-type=OS::Glance::Image to namespace=" + ns + " already exists."));
        api.admin().delete(associations(ns) + "/OS::Glance::Image").then().statusCode(204);
        api.admin().get(associations(ns)).then().body("resource_type_associations", hasSize(1));
        api.admin().delete(associations(ns) + "/OS::Glance::Image").then().statusCode(404)
                .body("error.message", equalTo("Failed to find resource type OS::Glance::Image to delete"));
        // The namespace's associations go with it.
        api.admin().delete(MetadefClient.NAMESPACES + "/" + ns).then().statusCode(204);
    }

    @Test
    void associatingWithANewTypeCreatesIt() {
        String ns = api.publicNamespace();
        String type = MetadefClient.unique("OS::Custom::Thing");
        api.admin().body("{\"name\": \"" + type + "\"}").post(associations(ns)).then().statusCode(201);
        api.admin().get("/v2/metadefs/resource_types").then().body("resource_types.name", hasItem(type));
        api.admin().queryParam("resource_types", type).get(MetadefClient.NAMESPACES).then()
                .body("namespaces.namespace", contains(ns));
    }

    @Test
    void protectionValidationAndPolicies() {
        String ns = api.namespace("\"visibility\": \"public\", \"protected\": true,"
                + " \"resource_type_associations\": [{\"name\": \"OS::Glance::Image\"}]");
        api.admin().delete(associations(ns) + "/OS::Glance::Image").then().statusCode(403)
                .body("error.message", equalTo("Metadata definition resource-type-association OS::Glance::Image"
                        + " is protected and cannot be deleted."));
        api.admin().body("{\"prefix\": \"x_\"}").post(associations(ns)).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'resource_type_association':"
                        + " 'name' is a required property"));
        api.admin().body("{\"name\": \"OS::Nova::Server\", \"updated_at\": \"x\"}").post(associations(ns)).then()
                .statusCode(403).body("error.message", equalTo("Attribute 'updated_at' is read-only."));
        api.alice().body("{\"name\": \"OS::Nova::Server\"}").post(associations(ns)).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete"
                        + " add_metadef_resource_type_association action."));
        api.alice().delete(associations(ns) + "/OS::Glance::Image").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete"
                        + " remove_metadef_resource_type_association action."));
        api.alice().get(associations("no-such-ns")).then().statusCode(404)
                .body("error.message", equalTo("Namespace no-such-ns not found"));
    }
}
