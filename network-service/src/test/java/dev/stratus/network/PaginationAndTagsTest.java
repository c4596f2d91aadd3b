package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class PaginationAndTagsTest {

    @Inject
    NetworkTestKeys keys;

    @Test
    void pagesFollowTheNextLinksInTheSortOrderAndHaveNeutronsLinks() {
        Neutron neutron = new Neutron(keys.member("page-user", "page-project"));
        for (String name : List.of("pg-c", "pg-a", "pg-e", "pg-b", "pg-d")) {
            neutron.network(name, false);
        }
        JsonPath first = neutron.get("/v2.0/networks?project_id=page-project&limit=2&sort_key=name&sort_dir=asc").then().statusCode(200)
                .body("networks.name", contains("pg-a", "pg-b"))
                .body("networks_links.rel", contains("next", "previous"))
                .extract().jsonPath();
        String lastId = first.getString("networks[1].id");
        String next = first.getString("networks_links[0].href");
        assertEquals("/v2.0/networks", URI.create(next).getPath());
        assertEquals("project_id=page-project&limit=2&sort_key=name&sort_dir=asc&marker=" + lastId, URI.create(next).getRawQuery());
        String previous = first.getString("networks_links[1].href");
        org.hamcrest.MatcherAssert.assertThat(previous, endsWith("&marker=" + first.getString("networks[0].id")
                + "&page_reverse=True"));

        List<String> names = new ArrayList<>(first.getList("networks.name"));
        String href = next;
        while (href != null) {
            JsonPath page = neutron.get(URI.create(href).getPath() + "?" + URI.create(href).getRawQuery()).then()
                    .statusCode(200).extract().jsonPath();
            names.addAll(page.getList("networks.name"));
            List<Map<String, String>> links = page.getList("networks_links");
            href = links.stream().filter(l -> l.get("rel").equals("next")).map(l -> l.get("href")).findFirst()
                    .orElse(null);
            if (page.getList("networks").size() < 2) {
                assertEquals(null, href, "a short page has no next link");
            }
        }
        assertEquals(List.of("pg-a", "pg-b", "pg-c", "pg-d", "pg-e"), names);

        neutron.get("/v2.0/networks?project_id=page-project&limit=2&sort_key=name&sort_dir=desc").then()
                .body("networks.name", contains("pg-e", "pg-d"));
        neutron.get("/v2.0/networks?project_id=page-project&limit=2&sort_key=name&sort_dir=asc&marker=" + lastId
                + "&page_reverse=True").then()
                .body("networks.name", contains("pg-a"));
        neutron.get("/v2.0/networks?project_id=page-project").then().body("networks", hasSize(5)).body("keySet()", contains("networks"));
        String missing = UUID.randomUUID().toString();
        neutron.get("/v2.0/networks?limit=2&marker=" + missing).then().statusCode(404)
                .body("NeutronError.message", equalTo("Network " + missing + " could not be found."));
        neutron.get("/v2.0/networks?sort_key=name").then().statusCode(400)
                .body("NeutronError.message", equalTo("The number of sort_keys and sort_dirs must be same"));
        neutron.get("/v2.0/networks?sort_key=name&sort_dir=up").then().statusCode(400)
                .body("NeutronError.message", startsWith("['up'] is invalid value for sort_dirs"));
    }

    @Test
    void tagsAreSetCheckedReplacedRemovedAndFiltered() {
        Neutron neutron = new Neutron(keys.member("tag-user", "tag-project"));
        String red = neutron.network("tag-red", false);
        String blue = neutron.network("tag-blue", false);
        neutron.put("/v2.0/networks/" + red + "/tags/red", "").then().statusCode(201);
        neutron.put("/v2.0/networks/" + red + "/tags/warm", "").then().statusCode(201);
        neutron.put("/v2.0/networks/" + blue + "/tags", "{\"tags\":[\"blue\",\"cold\"]}").then().statusCode(200)
                .body("tags", containsInAnyOrder("blue", "cold"));
        neutron.get("/v2.0/networks/" + red + "/tags").then().statusCode(200).body("tags", contains("red", "warm"));
        neutron.get("/v2.0/networks/" + red + "/tags/red").then().statusCode(204);
        neutron.get("/v2.0/networks/" + red + "/tags/blue").then().statusCode(404)
                .body("NeutronError.type", equalTo("TagNotFound"))
                .body("NeutronError.message", equalTo("Tag blue could not be found."));
        neutron.get("/v2.0/networks/" + red).then().body("network.tags", contains("red", "warm"))
                .body("network.revision_number", equalTo(3));

        neutron.get("/v2.0/networks?tags=red,warm").then().body("networks.id", contains(red));
        neutron.get("/v2.0/networks?tags=red,cold").then().body("networks", empty());
        neutron.get("/v2.0/networks?tags-any=red,cold&project_id=tag-project").then().body("networks.id",
                containsInAnyOrder(red, blue));
        neutron.get("/v2.0/networks?not-tags=red,warm&name=tag-red&name=tag-blue").then()
                .body("networks.id", contains(blue));
        neutron.get("/v2.0/networks?not-tags-any=red,blue&name=tag-red&name=tag-blue").then()
                .body("networks", empty());

        neutron.delete("/v2.0/networks/" + red + "/tags/red").then().statusCode(204);
        neutron.delete("/v2.0/networks/" + red + "/tags/red").then().statusCode(404);
        neutron.delete("/v2.0/networks/" + blue + "/tags").then().statusCode(204);
        neutron.get("/v2.0/networks/" + blue + "/tags").then().body("tags", empty());

        String subnet = neutron.subnet(red, "10.120.0.0/24");
        String port = neutron.portOn(red).getString("id");
        String group = neutron.securityGroup("tagged").getString("id");
        String router = neutron.router("{\"name\":\"tagged\"}").getString("id");
        for (String path : List.of("subnets/" + subnet, "ports/" + port, "security-groups/" + group,
                "routers/" + router)) {
            neutron.put("/v2.0/" + path + "/tags/t1", "").then().statusCode(201);
            neutron.get("/v2.0/" + path + "/tags").then().body("tags", contains("t1"));
        }
        neutron.get("/v2.0/ports?tags=t1").then().body("ports.id", contains(port));
        neutron.get("/v2.0/security-groups?tags=t1").then().body("security_groups.id", contains(group));
        String missing = UUID.randomUUID().toString();
        neutron.get("/v2.0/networks/" + missing + "/tags").then().statusCode(404)
                .body("NeutronError.message", equalTo("Resource network " + missing + " could not be found."));
        neutron.put("/v2.0/networks/" + blue + "/tags", "{\"tags\":[\"a\",\"a\"]}").then().statusCode(400);
        new Neutron(keys.member("tag-other", "tag-other-project")).put("/v2.0/networks/" + red + "/tags/x", "")
                .then().statusCode(404);
    }
}
