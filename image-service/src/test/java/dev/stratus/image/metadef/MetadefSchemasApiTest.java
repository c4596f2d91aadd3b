package dev.stratus.image.metadef;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.stratus.image.ImageTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v2/schemas/metadefs/*}: each schema by the name Glance gives it. */
@QuarkusTest
class MetadefSchemasApiTest {

    @Inject
    ImageTestKeys keys;

    @Test
    void everySchemaIsPublishedUnderItsName() {
        Map<String, String> names = Map.of("namespace", "namespace", "namespaces", "namespaces",
                "object", "object", "objects", "objects", "property", "property", "properties", "properties",
                "tag", "tag", "tags", "tags", "resource_type", "resource_type_association",
                "resource_types", "resource_type_associations");
        MetadefClient api = new MetadefClient(keys);
        names.forEach((path, name) -> api.bob().get("/v2/schemas/metadefs/" + path).then().statusCode(200)
                .body("name", equalTo(name)));
        api.bob().get("/v2/schemas/metadefs/namespace").then()
                .body("required", contains("namespace"))
                .body("additionalProperties", equalTo(false))
                .body("properties.visibility.enum", contains("public", "private"))
                .body("definitions.property.additionalProperties.required", contains("title", "type"));
        api.bob().get("/v2/schemas/metadefs/namespaces").then()
                .body("properties.namespaces.items.name", equalTo("namespace"))
                .body("definitions.stringArray", notNullValue())
                .body("links.rel", contains("first", "next", "describedby"));
        api.bob().get("/v2/schemas/metadefs/property").then().body("required", contains("type", "title", "name"));
        api.bob().get("/v2/schemas/metadefs/properties").then()
                .body("properties.properties.additionalProperties.required", contains("type", "title"));
        io.restassured.RestAssured.given().get("/v2/schemas/metadefs/namespace").then().statusCode(401);
    }
}
