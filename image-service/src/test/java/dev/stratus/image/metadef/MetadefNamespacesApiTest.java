package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.image.ImageTestKeys;
import dev.stratus.image.ImageTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/namespaces}: Glance's bodies, codes, messages, policies and visibility rules. */
@QuarkusTest
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class MetadefNamespacesApiTest {

    static final String NAMESPACES = MetadefClient.NAMESPACES;

    @Inject
    ImageTestKeys keys;

    MetadefClient api;

    @BeforeEach
    void client() {
        api = new MetadefClient(keys);
    }

    @Test
    void createWithContentThenShowUpdateAndDelete() {
        String name = MetadefClient.unique("OS::Compute::Test");
        api.admin().body("""
                {"namespace": "%s", "display_name": "Test", "description": "Tempest", "visibility": "public",
                 "protected": true,
                 "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "hw_"},
                                                {"name": "OS::Nova::Flavor", "prefix": "hw:"}],
                 "properties": {"cpu_cores": {"title": "Cores", "type": "integer", "minimum": 1, "bogus": 1}},
                 "objects": [{"name": "CPU Limits", "required": ["cpu_period"],
                              "properties": {"cpu_period": {"title": "Period", "type": "integer"}}}],
                 "tags": [{"name": "t1"}, {"name": "t2"}]}""".formatted(name))
                .post(NAMESPACES).then().statusCode(201)
                .header("Location", equalTo(NAMESPACES + "/" + name))
                .body("namespace", equalTo(name))
                .body("owner", equalTo("admin-project"))
                .body("visibility", equalTo("public"))
                .body("protected", equalTo(true))
                .body("created_at", notNullValue())
                .body("self", equalTo(NAMESPACES + "/" + name))
                .body("schema", equalTo("/v2/schemas/metadefs/namespace"))
                .body("resource_type_associations.name", contains("OS::Glance::Image", "OS::Nova::Flavor"))
                .body("properties.cpu_cores.title", equalTo("Cores"))
                .body("properties.cpu_cores.bogus", nullValue())
                .body("objects[0].name", equalTo("CPU Limits"))
                .body("tags.name", containsInAnyOrder("t1", "t2"));

        // Any reader sees a public namespace with its content; a resource type's prefix applies to the names.
        api.bob().get(NAMESPACES + "/" + name).then().statusCode(200)
                .body("objects[0].self", equalTo(NAMESPACES + "/" + name + "/objects/CPU Limits"))
                .body("objects[0].required", contains("cpu_period"))
                .body("properties.cpu_cores.minimum", equalTo(1));
        api.bob().queryParam("resource_type", "OS::Glance::Image").get(NAMESPACES + "/" + name).then()
                .statusCode(200)
                .body("properties.hw_cpu_cores.title", equalTo("Cores"))
                .body("objects[0].properties.hw_cpu_period.title", equalTo("Period"))
                .body("objects[0].required", contains("hw_cpu_period"));
        api.bob().queryParam("resource_type", "OS::Cinder::Volume").get(NAMESPACES + "/" + name).then()
                .body("properties.cpu_cores.title", equalTo("Cores"));

        // Protected: neither it nor its content can be deleted.
        String protectedMessage = "Metadata definition namespace " + name + " is protected and cannot be deleted.";
        api.admin().delete(NAMESPACES + "/" + name).then().statusCode(403)
                .body("error.message", equalTo(protectedMessage));
        api.admin().delete(NAMESPACES + "/" + name + "/objects").then().statusCode(403)
                .body("error.message", equalTo(protectedMessage));
        api.admin().delete(NAMESPACES + "/" + name + "/tags").then().statusCode(403);
        api.admin().delete(NAMESPACES + "/" + name + "/properties").then().statusCode(403);

        // Update rewrites the attributes; what the body leaves out returns to its default.
        api.admin().body("{\"namespace\": \"" + name + "\", \"description\": \"Tempest\", \"visibility\": \"private\","
                + " \"protected\": false}").put(NAMESPACES + "/" + name).then().statusCode(200)
                .body("visibility", equalTo("private"))
                .body("protected", equalTo(false))
                .body("display_name", nullValue())
                .body("objects", nullValue());
        api.bob().get(NAMESPACES + "/" + name).then().statusCode(404)
                .body("error.message", equalTo("The resource could not be found."));

        api.admin().delete(NAMESPACES + "/" + name).then().statusCode(204);
        api.admin().get(NAMESPACES + "/" + name).then().statusCode(404)
                .body("error.message", equalTo("Metadata definition namespace=" + name + " was not found."));
        api.admin().delete(NAMESPACES + "/" + name).then().statusCode(404)
                .body("error.message", equalTo("Namespace " + name + " not found"));
    }

    @Test
    void defaultsAndRename() {
        String name = api.namespace("");
        api.admin().get(NAMESPACES + "/" + name).then().statusCode(200)
                .body("visibility", equalTo("private"))
                .body("protected", equalTo(false))
                .body("display_name", nullValue())
                .body("objects", nullValue())
                .body("tags", nullValue());
        String renamed = MetadefClient.unique("renamed");
        api.admin().body("{\"namespace\": \"" + renamed + "\"}").put(NAMESPACES + "/" + name).then().statusCode(200)
                .body("namespace", equalTo(renamed))
                .body("self", equalTo(NAMESPACES + "/" + renamed));
        api.admin().get(NAMESPACES + "/" + name).then().statusCode(404);
        String other = api.namespace("");
        api.admin().body("{\"namespace\": \"" + other + "\"}").put(NAMESPACES + "/" + renamed).then().statusCode(409)
                .body("error.message", equalTo("Invalid update. It would result in a duplicate metadata definition"
                        + " namespace with the same name of " + other));
        api.admin().body("{\"namespace\": \"" + other + "\"}").post(NAMESPACES).then().statusCode(409)
                .body("error.message", equalTo("The metadata definition namespace=" + other + " already exists."));
    }

    @Test
    void aFailedCreateLeavesNothing() {
        String name = MetadefClient.unique("ns");
        api.admin().body("{\"namespace\": \"" + name + "\", \"tags\": [{\"name\": \"a\"}, {\"name\": \"A\"}]}")
                .post(NAMESPACES).then().statusCode(409)
                .body("error.message", equalTo("A metadata tag with name=A already exists in namespace=" + name
                        + ". (Please note that metadata tag names are case insensitive)."));
        api.admin().get(NAMESPACES + "/" + name).then().statusCode(404);
    }

    @Test
    void writesAreForAdminsOnly() {
        api.alice().body("{\"namespace\": \"mine\"}").post(NAMESPACES).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete add_metadef_namespace action."));
        String name = api.publicNamespace();
        api.alice().body("{\"namespace\": \"" + name + "\"}").put(NAMESPACES + "/" + name).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete modify_metadef_namespace action."));
        api.alice().delete(NAMESPACES + "/" + name).then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to complete delete_metadef_namespace action."));
        api.alice().delete(NAMESPACES + "/" + name + "/tags").then().statusCode(403);
        // A private namespace of another project is not found rather than forbidden.
        String hidden = api.namespace("\"owner\": \"project-b\"");
        api.alice().delete(NAMESPACES + "/" + hidden).then().statusCode(404)
                .body("error.message", equalTo("Namespace " + hidden + " not found"));
        api.alice().body("{\"namespace\": \"x\"}").put(NAMESPACES + "/" + hidden).then().statusCode(404);
    }

    @Test
    void visibility() {
        String ofA = api.namespace("\"owner\": \"project-a\"");
        String ofB = api.namespace("\"owner\": \"project-b\"");
        String open = api.namespace("\"owner\": \"project-b\", \"visibility\": \"public\"");
        api.alice().get(NAMESPACES + "/" + ofA).then().statusCode(200).body("owner", equalTo("project-a"));
        api.reader().get(NAMESPACES + "/" + ofA).then().statusCode(200);
        api.alice().get(NAMESPACES + "/" + ofB).then().statusCode(404)
                .body("error.message", equalTo("The resource could not be found."));
        api.alice().get(NAMESPACES + "/" + open).then().statusCode(200);
        List<String> seen = api.alice().queryParam("limit", 1000).get(NAMESPACES).then().statusCode(200)
                .extract().jsonPath().getList("namespaces.namespace");
        assertEquals(List.of(true, false, true), List.of(seen.contains(ofA), seen.contains(ofB), seen.contains(open)));
        List<String> all = api.admin().queryParam("limit", 1000).get(NAMESPACES).then().statusCode(200)
                .extract().jsonPath().getList("namespaces.namespace");
        assertEquals(List.of(true, true, true), List.of(all.contains(ofA), all.contains(ofB), all.contains(open)));
        api.alice().queryParam("visibility", "private").queryParam("limit", 1000).get(NAMESPACES).then()
                .body("namespaces.namespace", hasItem(ofA))
                .body("namespaces.namespace", not(hasItem(open)))
                .body("namespaces.visibility", not(hasItem("public")));
        // A marker the caller may not see is forbidden, as Glance's database layer says.
        api.alice().queryParam("marker", ofB).get(NAMESPACES).then().statusCode(403)
                .body("error.message", equalTo("Forbidding request, metadata definition namespace=" + ofB
                        + " is not visible."));
    }

    @Test
    void listPagesSortsAndFilters() {
        String type = MetadefClient.unique("OS::Test::Type");
        String first = api.namespace("\"display_name\": \"b\", \"resource_type_associations\": [{\"name\": \""
                + type + "\"}]");
        String second = api.namespace("\"display_name\": \"a\", \"resource_type_associations\": [{\"name\": \""
                + type + "\"}]");
        String third = api.namespace("\"display_name\": \"c\", \"resource_type_associations\": [{\"name\": \""
                + type + "\"}]");
        api.admin().queryParam("resource_types", type + ",OS::None").get(NAMESPACES).then().statusCode(200)
                .body("namespaces.namespace", contains(third, second, first))
                .body("namespaces[0].resource_type_associations[0].name", equalTo(type))
                .body("first", startsWith(NAMESPACES + "?resource_types="))
                .body("schema", equalTo("/v2/schemas/metadefs/namespaces"))
                .body("next", nullValue());
        api.admin().queryParam("resource_types", type).queryParam("sort_key", "display_name")
                .queryParam("sort_dir", "asc").get(NAMESPACES).then()
                .body("namespaces.namespace", contains(second, first, third));
        var page = api.admin().queryParam("resource_types", type).queryParam("limit", 2).get(NAMESPACES).then()
                .statusCode(200).body("namespaces.namespace", contains(third, second))
                .body("next", startsWith(NAMESPACES + "?")).extract().jsonPath();
        String next = page.getString("next");
        assertEquals(true, next.contains("marker=" + second) && next.contains("limit=2"), next);
        api.admin().queryParam("resource_types", type).queryParam("limit", 2).queryParam("marker", second)
                .get(NAMESPACES).then().body("namespaces.namespace", contains(first)).body("next", nullValue());
        api.admin().queryParam("resource_types", "").get(NAMESPACES).then().body("namespaces", hasSize(0));
    }

    @Test
    void badListParameters() {
        api.admin().queryParam("sort_dir", "up").get(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("Invalid sort direction: up"));
        api.admin().queryParam("visibility", "shared").get(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("Invalid visibility value: shared"));
        api.admin().queryParam("limit", "-1").get(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("limit param must be positive"));
        api.admin().queryParam("limit", "x").get(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("limit param must be an integer"));
        api.admin().queryParam("marker", "no-such-namespace").get(NAMESPACES).then().statusCode(404)
                .body("error.message", equalTo("Metadata definition namespace=no-such-namespace was not found."));
    }

    @Test
    void badBodies() {
        api.admin().post(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("Body expected in request."));
        api.admin().body("{\"namespace\": ").post(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("Malformed JSON in request body."));
        api.admin().body("{\"display_name\": \"x\"}").post(NAMESPACES).then().statusCode(400)
                .body("error.message", equalTo("Provided object does not match schema 'namespace':"
                        + " 'namespace' is a required property"));
        api.admin().body("{\"namespace\": \"n\", \"visibility\": \"shared\"}").post(NAMESPACES).then()
                .statusCode(400).body("error.message", equalTo("Provided object does not match schema 'namespace':"
                        + " 'shared' is not one of ['public', 'private']"));
        api.admin().body("{\"namespace\": \"n\", \"self\": \"/x\"}").post(NAMESPACES).then().statusCode(403)
                .body("error.message", equalTo("Attribute 'self' is read-only."));
        // The body is checked before the policy, as Glance deserializes before its controller runs.
        api.alice().body("{\"namespace\": \"" + "n".repeat(81) + "\"}").post(NAMESPACES).then().statusCode(400);
        api.admin().get(NAMESPACES + "/nothing-here").then().statusCode(404);
        // Nested names the schema leaves unbounded must still fit their columns.
        String longName = "t".repeat(81);
        api.admin().body("{\"namespace\": \"n\", \"tags\": [{\"name\": \"" + longName + "\"}]}").post(NAMESPACES)
                .then().statusCode(400).body("error.message", equalTo("Provided object does not match schema"
                        + " 'namespace': '" + longName + "' is too long"));
    }
}
