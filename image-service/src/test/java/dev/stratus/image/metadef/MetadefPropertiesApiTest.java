package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.stratus.image.ImageTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/namespaces/{ns}/properties}: CRUD, prefixed names, conflicts, protection, policies. */
@QuarkusTest
class MetadefPropertiesApiTest {

    @Inject
    ImageTestKeys keys;

    MetadefClient api;

    @BeforeEach
    void client() {
        api = new MetadefClient(keys);
    }

    private static String properties(String namespace) {
        return MetadefClient.NAMESPACES + "/" + namespace + "/properties";
    }

    /** What Tempest does: a property named after a resource type, shown, updated, deleted. */
    @Test
    void createShowUpdateDelete() {
        String ns = api.publicNamespace();
        api.admin().body("{\"name\": \"OS::Glance::Image\"}").post(MetadefClient.NAMESPACES + "/" + ns
                + "/resource_types").then().statusCode(201);
        api.admin().body("{\"name\": \"OS::Glance::Image\", \"title\": \"Hypervisor\", \"type\": \"string\","
                + " \"enum\": [\"kvm\", \"qemu\"], \"description\": \"d\"}").post(properties(ns)).then()
                .statusCode(201)
                .body("name", equalTo("OS::Glance::Image"))
                .body("title", equalTo("Hypervisor"))
                .body("enum", contains("kvm", "qemu"));
        api.bob().get(properties(ns) + "/OS::Glance::Image").then().statusCode(200)
                .body("name", equalTo("OS::Glance::Image"))
                .body("type", equalTo("string"));
        api.bob().get(properties(ns)).then().statusCode(200)
                .body("properties.'OS::Glance::Image'.title", equalTo("Hypervisor"));
        api.admin().body("{\"name\": \"OS::Glance::Image\", \"title\": \"Updated\", \"type\": \"string\"}")
                .put(properties(ns) + "/OS::Glance::Image").then().statusCode(200)
                .body("title", equalTo("Updated"))
                .body("description", nullValue());
        api.admin().delete(properties(ns) + "/OS::Glance::Image").then().statusCode(204);
        api.admin().get(properties(ns)).then().body("properties", not(hasKey("OS::Glance::Image")));
        api.admin().get(properties(ns) + "/OS::Glance::Image").then().statusCode(404)
                .body("error.message", equalTo("Could not find property OS::Glance::Image"));
    }

    @Test
    void showWithAResourceTypePrefix() {
        String ns = api.namespace("\"visibility\": \"public\", \"resource_type_associations\": [{\"name\":"
                + " \"OS::Glance::Image\", \"prefix\": \"hw_\"}, {\"name\": \"OS::Cinder::Volume\"}],"
                + " \"properties\": {\"cpu_cores\": {\"title\": \"Cores\", \"type\": \"integer\"}}");
        api.bob().queryParam("resource_type", "OS::Glance::Image").get(properties(ns) + "/hw_cpu_cores").then()
                .statusCode(200).body("name", equalTo("cpu_cores"));
        api.bob().queryParam("resource_type", "OS::Glance::Image").get(properties(ns) + "/cpu_cores").then()
                .statusCode(404).body("error.message", equalTo("Property cpu_cores does not start with the expected"
                        + " resource type association prefix of 'hw_'."));
        api.bob().queryParam("resource_type", "OS::Cinder::Volume").get(properties(ns) + "/cpu_cores").then()
                .statusCode(404).body("error.message", equalTo("Property cpu_cores does not start with the expected"
                        + " resource type association prefix of 'None'."));
        api.bob().queryParam("resource_type", "OS::Nova::Flavor").get(properties(ns) + "/hw_cpu_cores").then()
                .statusCode(404).body("error.message", equalTo("The metadata definition resource-type association"
                        + " of resource-type=OS::Nova::Flavor to namespace=" + ns + ", was not found."));
    }

    @Test
    void conflictsAndValidation() {
        String ns = api.publicNamespace();
        String body = "{\"name\": \"%s\", \"title\": \"T\", \"type\": \"string\"}";
        api.admin().body(body.formatted("a")).post(properties(ns)).then().statusCode(201);
        api.admin().body(body.formatted("b")).post(properties(ns)).then().statusCode(201);
        api.admin().body(body.formatted("a")).post(properties(ns)).then().statusCode(409)
                .body("error.message", equalTo("A metadata definition property with name=a already exists in"
                        + " namespace=" + ns + "."));
        api.admin().body(body.formatted("b")).put(properties(ns) + "/a").then().statusCode(409)
                .body("error.message", equalTo("Invalid update. It would result in a duplicate metadata definition"
                        + " property with the same name=b in namespace=" + ns + "."));
        api.admin().body("{\"name\": \"c\", \"type\": \"string\"}").post(properties(ns)).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'property':"
                        + " 'title' is a required property"));
        api.admin().body("{\"name\": \"c\", \"title\": \"T\", \"type\": \"text\"}").post(properties(ns)).then()
                .statusCode(400);
        api.admin().body(body.formatted("missing")).put(properties(ns) + "/missing").then().statusCode(404)
                .body("error.message", equalTo("Could not find property missing"));
    }

    @Test
    void protectionAndPolicies() {
        String ns = api.namespace("\"visibility\": \"public\", \"protected\": true,"
                + " \"properties\": {\"p\": {\"title\": \"P\", \"type\": \"string\"}}");
        api.admin().delete(properties(ns) + "/p").then().statusCode(403)
                .body("error.message", equalTo("Metadata definition property p is protected and cannot be deleted."));
        api.alice().body("{\"name\": \"q\", \"title\": \"Q\", \"type\": \"string\"}").post(properties(ns)).then()
                .statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete add_metadef_property action."));
        api.alice().delete(properties(ns) + "/p").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete remove_metadef_property action."));
        String hidden = api.namespace("\"owner\": \"project-b\"");
        api.alice().get(properties(hidden)).then().statusCode(404)
                .body("error.message", equalTo("Namespace " + hidden + " not found"));
    }
}
