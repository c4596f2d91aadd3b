package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.stratus.image.ImageTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/namespaces/{ns}/objects}: CRUD, conflicts, protection, policies. */
@QuarkusTest
class MetadefObjectsApiTest {

    @Inject
    ImageTestKeys keys;

    MetadefClient api;

    @BeforeEach
    void client() {
        api = new MetadefClient(keys);
    }

    private static String objects(String namespace) {
        return MetadefClient.NAMESPACES + "/" + namespace + "/objects";
    }

    @Test
    void createShowListUpdateDelete() {
        String ns = api.publicNamespace();
        api.admin().body("""
                {"name": "CPU Limits", "description": "Quotas", "required": ["quota:cpu_period"],
                 "properties": {"quota:cpu_period": {"title": "Period", "type": "integer", "minimum": 1000}}}""")
                .post(objects(ns)).then().statusCode(201)
                .body("name", equalTo("CPU Limits"))
                .body("description", equalTo("Quotas"))
                .body("required", contains("quota:cpu_period"))
                .body("properties.'quota:cpu_period'.minimum", equalTo(1000))
                .body("created_at", notNullValue())
                .body("self", equalTo(objects(ns) + "/CPU Limits"))
                .body("schema", equalTo("/v2/schemas/metadefs/object"));
        api.bob().get(objects(ns) + "/CPU Limits").then().statusCode(200).body("name", equalTo("CPU Limits"));
        api.bob().get(objects(ns)).then().statusCode(200)
                .body("objects.name", contains("CPU Limits"))
                .body("schema", equalTo("v2/schemas/metadefs/objects"));

        // An update replaces everything: what the body leaves out is cleared.
        api.admin().body("{\"name\": \"Limits\"}").put(objects(ns) + "/CPU Limits").then().statusCode(200)
                .body("name", equalTo("Limits"))
                .body("description", nullValue())
                .body("required", empty());
        api.admin().get(objects(ns) + "/CPU Limits").then().statusCode(404)
                .body("error.message", equalTo("Could not find metadata object CPU Limits"));
        api.admin().delete(objects(ns) + "/Limits").then().statusCode(204);
        api.admin().get(objects(ns)).then().body("objects", hasSize(0));
        api.admin().delete(objects(ns) + "/Limits").then().statusCode(404);
    }

    @Test
    void conflicts() {
        String ns = api.publicNamespace();
        api.admin().body("{\"name\": \"a\"}").post(objects(ns)).then().statusCode(201);
        api.admin().body("{\"name\": \"b\"}").post(objects(ns)).then().statusCode(201);
        api.admin().body("{\"name\": \"a\"}").post(objects(ns)).then().statusCode(409)
                .body("error.message", equalTo("A metadata definition object with name=a already exists in"
                        + " namespace=" + ns + "."));
        api.admin().body("{\"name\": \"b\"}").put(objects(ns) + "/a").then().statusCode(409)
                .body("error.message", equalTo("Invalid update. It would result in a duplicate metadata definition"
                        + " object with the same name=b in namespace=" + ns + "."));
    }

    @Test
    void validation() {
        String ns = api.publicNamespace();
        api.admin().body("{\"description\": \"x\"}").post(objects(ns)).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'object':"
                        + " 'name' is a required property"));
        // On create, each property is also checked on its own, closed to unknown attributes.
        api.admin().body("{\"name\": \"o\", \"properties\": {\"p\": {\"title\": \"P\", \"type\": \"string\","
                + " \"bogus\": 1}}}").post(objects(ns)).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'property':"
                        + " Additional properties are not allowed ('bogus' was unexpected)"));
        api.admin().body("{\"name\": \"o\", \"created_at\": \"now\"}").post(objects(ns)).then().statusCode(403)
                .body("error.message", equalTo("Attribute 'created_at' is read-only."));
        api.admin().queryParam("sort_dir", "sideways").get(objects(ns)).then().statusCode(400);
        api.admin().queryParam("limit", "0").get(objects(ns)).then().statusCode(400)
                .body("error.message", equalTo("limit param must be positive"));
    }

    @Test
    void protectedNamespacesKeepTheirObjects() {
        String ns = api.namespace("\"protected\": true, \"objects\": [{\"name\": \"kept\"}]");
        api.admin().body("{\"name\": \"added\"}").post(objects(ns)).then().statusCode(201);
        api.admin().delete(objects(ns) + "/kept").then().statusCode(403)
                .body("error.message", equalTo("Metadata definition object kept is protected and cannot be deleted."));
        api.admin().body("{\"namespace\": \"" + ns + "\"}").put(MetadefClient.NAMESPACES + "/" + ns).then()
                .statusCode(200);
        api.admin().delete(objects(ns)).then().statusCode(204);
        api.admin().get(objects(ns)).then().body("objects", hasSize(0));
    }

    @Test
    void policiesAndVisibility() {
        String ns = api.publicNamespace();
        api.admin().body("{\"name\": \"o\"}").post(objects(ns)).then().statusCode(201);
        api.alice().body("{\"name\": \"p\"}").post(objects(ns)).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete add_metadef_object action."));
        api.alice().body("{\"name\": \"p\"}").put(objects(ns) + "/o").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete modify_metadef_object action."));
        api.alice().delete(objects(ns) + "/o").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete delete_metadef_object action."));
        api.alice().delete(objects(ns)).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete delete_metadef_namespace action."));
        String hidden = api.namespace("\"owner\": \"project-b\"");
        api.alice().get(objects(hidden)).then().statusCode(404)
                .body("error.message", equalTo("Namespace " + hidden + " not found"));
        api.admin().get(objects("no-such-ns")).then().statusCode(404)
                .body("error.message", equalTo("Metadata definition namespace=no-such-ns was not found."));
    }
}
