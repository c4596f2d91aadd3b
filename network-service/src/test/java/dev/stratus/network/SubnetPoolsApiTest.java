package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class SubnetPoolsApiTest {

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("pool-user", "pool-project"));
    }

    static Response createPool(Neutron neutron, String json) {
        return neutron.post("/v2.0/subnetpools", "{\"subnetpool\":" + json + "}");
    }

    static JsonPath pool(Neutron neutron, String json) {
        Response r = createPool(neutron, json);
        if (r.statusCode() != 201) {
            throw new AssertionError("create subnetpool answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().setRootPath("subnetpool");
    }

    @Test
    void createShowUpdateDeleteAsTempestDoes() {
        Neutron neutron = member();
        JsonPath created = pool(neutron, "{\"name\":\"p1\",\"prefixes\":[\"1.0.0.0/16\",\"2.0.0.0/16\"]}");
        String id = created.getString("id");
        neutron.get("/v2.0/subnetpools/" + id).then().statusCode(200)
                .body("subnetpool.keySet()", containsInAnyOrder("id", "name", "tenant_id", "project_id", "prefixes",
                        "ip_version", "default_prefixlen", "min_prefixlen", "max_prefixlen", "default_quota", "shared",
                        "is_default", "address_scope_id", "description", "tags", "created_at", "updated_at",
                        "revision_number"))
                .body("subnetpool.name", equalTo("p1"))
                .body("subnetpool.prefixes", contains("1.0.0.0/16", "2.0.0.0/16"))
                .body("subnetpool.ip_version", equalTo(4))
                .body("subnetpool.min_prefixlen", equalTo("8"))
                .body("subnetpool.max_prefixlen", equalTo("32"))
                .body("subnetpool.default_prefixlen", equalTo("8"))
                .body("subnetpool.default_quota", nullValue())
                .body("subnetpool.shared", equalTo(false))
                .body("subnetpool.is_default", equalTo(false))
                .body("subnetpool.address_scope_id", nullValue())
                .body("subnetpool.project_id", equalTo("pool-project"))
                .body("subnetpool.revision_number", equalTo(1));
        neutron.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"name\":\"p1-renamed\",\"description\":\"d\"}}")
                .then().statusCode(200)
                .body("subnetpool.name", equalTo("p1-renamed"))
                .body("subnetpool.description", equalTo("d"))
                .body("subnetpool.min_prefixlen", equalTo(8))
                .body("subnetpool.revision_number", equalTo(2));
        neutron.get("/v2.0/subnetpools?name=p1-renamed").then().statusCode(200)
                .body("subnetpools.id", contains(id));
        neutron.delete("/v2.0/subnetpools/" + id).then().statusCode(204);
        neutron.get("/v2.0/subnetpools/" + id).then().statusCode(404)
                .body("NeutronError.type", equalTo("SubnetPoolNotFound"))
                .body("NeutronError.message", equalTo("Subnet pool " + id + " could not be found."));
    }

    @Test
    void prefixesAreCompactedAndIpv6DefaultsFollowTheVersion() {
        Neutron neutron = member();
        org.hamcrest.MatcherAssert.assertThat(pool(neutron, "{\"name\":\"merge\",\"prefixes\":[\"10.0.1.0/24\","
                + "\"10.0.0.0/24\",\"10.0.0.128/25\",\"10.0.2.0/23\"]}").getList("prefixes"), equalTo(List.of("10.0.0.0/22")));
        JsonPath merged = pool(neutron, "{\"name\":\"merge2\",\"prefixes\":[\"10.0.1.0/24\",\"10.0.0.0/24\","
                + "\"10.0.0.128/25\",\"10.0.3.0/24\"]}");
        org.hamcrest.MatcherAssert.assertThat(merged.getList("prefixes"), contains("10.0.0.0/23", "10.0.3.0/24"));
        JsonPath v6 = pool(neutron, "{\"name\":\"six\",\"prefixes\":[\"2001:db8::/48\"]}");
        org.hamcrest.MatcherAssert.assertThat(v6.getInt("ip_version"), equalTo(6));
        org.hamcrest.MatcherAssert.assertThat(v6.getString("min_prefixlen"), equalTo("64"));
        org.hamcrest.MatcherAssert.assertThat(v6.getString("max_prefixlen"), equalTo("128"));
        org.hamcrest.MatcherAssert.assertThat(v6.getString("default_prefixlen"), equalTo("64"));
        JsonPath bounded = pool(neutron, "{\"name\":\"bounded\",\"prefixes\":[\"10.8.0.0/16\"],\"min_prefixlen\":20,"
                + "\"max_prefixlen\":28}");
        org.hamcrest.MatcherAssert.assertThat(bounded.getString("default_prefixlen"), equalTo("20"));
    }

    @Test
    void invalidPoolsAreRefusedWithNeutronsFaults() {
        Neutron neutron = member();
        createPool(neutron, "{\"name\":\"x\"}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Failed to parse request. Required attribute 'prefixes' not "
                        + "specified"));
        createPool(neutron, "{\"prefixes\":[]}").then().statusCode(400)
                .body("NeutronError.type", equalTo("EmptySubnetPoolPrefixList"))
                .body("NeutronError.message", equalTo("Empty subnet pool prefix list."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}").then().statusCode(400)
                .body("NeutronError.type", equalTo("PrefixVersionMismatch"))
                .body("NeutronError.message", equalTo("Cannot mix IPv4 and IPv6 prefixes in a subnet pool."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/33\"]}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for prefixes. Reason: '10.0.0.0/33' is not a "
                        + "valid IP subnet."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"min_prefixlen\":24,\"max_prefixlen\":16}").then()
                .statusCode(400)
                .body("NeutronError.type", equalTo("IllegalSubnetPoolPrefixBounds"))
                .body("NeutronError.message", equalTo("Illegal prefix bounds: min_prefixlen=24, max_prefixlen=16."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"max_prefixlen\":33}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Illegal prefix bounds: max_prefixlen=33, ip_version_max=32."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"default_prefixlen\":4}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Illegal prefix bounds: default_prefixlen=4, min_prefixlen=8."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"min_prefixlen\":-1}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for min_prefixlen. Reason: '-1' should be "
                        + "non-negative."));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"ip_version\":4}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Attribute 'ip_version' not allowed in POST"));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"address_scope_id\":\"" + java.util.UUID.randomUUID()
                + "\"}").then().statusCode(404).body("NeutronError.type", equalTo("AddressScopeNotFound"));
    }

    @Test
    void prefixesOnlyGrowAndBoundsAreCheckedOnUpdate() {
        Neutron neutron = member();
        String id = pool(neutron, "{\"name\":\"grow\",\"prefixes\":[\"10.40.0.0/24\"]}").getString("id");
        neutron.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"prefixes\":[\"10.40.0.0/24\",\"10.40.1.0/24\","
                + "\"10.50.0.0/24\"]}}").then().statusCode(200)
                .body("subnetpool.prefixes", contains("10.40.0.0/23", "10.50.0.0/24"));
        neutron.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"prefixes\":[\"10.40.0.0/24\"]}}").then()
                .statusCode(400)
                .body("NeutronError.type", equalTo("IllegalSubnetPoolPrefixUpdate"))
                .body("NeutronError.message", equalTo("Illegal update to prefixes: Existing prefixes must be a "
                        + "subset of the new prefixes."));
        neutron.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"min_prefixlen\":30,\"default_prefixlen\":29}}")
                .then().statusCode(400)
                .body("NeutronError.message", equalTo("Illegal prefix bounds: default_prefixlen=29, "
                        + "min_prefixlen=30."));
        neutron.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"shared\":true}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Cannot update read-only attribute shared"));
        neutron.get("/v2.0/subnetpools/" + id).then().body("subnetpool.prefixes",
                contains("10.40.0.0/23", "10.50.0.0/24"));
    }

    @Test
    void sharedAndDefaultAreForAdminsAndSharedPoolsAreSeenByAll() {
        Neutron neutron = member();
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"shared\":true}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:create_subnetpool and rule:create_subnetpool:shared) "
                        + "is disallowed by policy"));
        createPool(neutron, "{\"prefixes\":[\"10.0.0.0/8\"],\"is_default\":true}").then().statusCode(403);
        createPool(neutron, "{\"name\":\"explicit-false\",\"prefixes\":[\"10.0.0.0/8\"],\"shared\":false}").then()
                .statusCode(201);
        Neutron admin = new Neutron(keys.admin());
        String shared = pool(admin, "{\"name\":\"admin-shared\",\"prefixes\":[\"172.16.0.0/12\"],\"shared\":true}")
                .getString("id");
        String hidden = pool(admin, "{\"name\":\"admin-private\",\"prefixes\":[\"172.16.0.0/12\"]}").getString("id");
        neutron.get("/v2.0/subnetpools").then().statusCode(200)
                .body("subnetpools.id", hasItem(shared))
                .body("subnetpools.id", not(hasItem(hidden)));
        neutron.get("/v2.0/subnetpools/" + hidden).then().statusCode(404);
        neutron.put("/v2.0/subnetpools/" + shared, "{\"subnetpool\":{\"name\":\"mine\"}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:update_subnetpool) is disallowed by policy"));
        neutron.delete("/v2.0/subnetpools/" + shared).then().statusCode(403);
        admin.delete("/v2.0/subnetpools/" + shared).then().statusCode(204);
        admin.delete("/v2.0/subnetpools/" + hidden).then().statusCode(204);
    }

    @Test
    void concurrentDefaultPoolsLeaveOneDefault() throws Exception {
        Neutron admin = new Neutron(keys.admin());
        List<Response> answers = Parallel.run(6, () -> createPool(admin, "{\"name\":\"default-v4\","
                + "\"prefixes\":[\"100.64.0.0/10\"],\"is_default\":true}"));
        List<Response> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
        org.hamcrest.MatcherAssert.assertThat(created.size(), equalTo(1));
        for (Response r : answers) {
            if (r.statusCode() != 201) {
                org.hamcrest.MatcherAssert.assertThat(r.asString(), r.jsonPath().getString("NeutronError.type"),
                        equalTo("InvalidInput"));
            }
        }
        String id = created.get(0).jsonPath().getString("subnetpool.id");
        admin.get("/v2.0/subnetpools?is_default=true&ip_version=4").then().body("subnetpools.id", contains(id));
        String other = pool(admin, "{\"name\":\"not-default\",\"prefixes\":[\"100.64.0.0/10\"]}").getString("id");
        admin.put("/v2.0/subnetpools/" + other, "{\"subnetpool\":{\"is_default\":true}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidInput"));
        admin.put("/v2.0/subnetpools/" + id, "{\"subnetpool\":{\"is_default\":false}}").then().statusCode(200)
                .body("subnetpool.is_default", equalTo(false));
        admin.put("/v2.0/subnetpools/" + other, "{\"subnetpool\":{\"is_default\":true}}").then().statusCode(200)
                .body("subnetpool.is_default", equalTo(true));
        admin.delete("/v2.0/subnetpools/" + id).then().statusCode(204);
        admin.delete("/v2.0/subnetpools/" + other).then().statusCode(204);
    }

    @Test
    void poolsAreTaggedSortedAndPagedLikeTheOtherResources() {
        Neutron neutron = new Neutron(keys.member("pool-lister", "pool-list-project"));
        String a = pool(neutron, "{\"name\":\"list-a\",\"prefixes\":[\"10.1.0.0/16\"]}").getString("id");
        String b = pool(neutron, "{\"name\":\"list-b\",\"prefixes\":[\"2001:db8:1::/48\"]}").getString("id");
        String c = pool(neutron, "{\"name\":\"list-c\",\"prefixes\":[\"10.2.0.0/16\"],\"min_prefixlen\":16}")
                .getString("id");
        neutron.put("/v2.0/subnetpools/" + a + "/tags/red", "").then().statusCode(201);
        neutron.put("/v2.0/subnetpools/" + b + "/tags", "{\"tags\":[\"red\",\"blue\"]}").then().statusCode(200)
                .body("tags", containsInAnyOrder("red", "blue"));
        neutron.get("/v2.0/subnetpools/" + b).then().body("subnetpool.tags", containsInAnyOrder("red", "blue"))
                .body("subnetpool.revision_number", equalTo(2));
        neutron.get("/v2.0/subnetpools?tags=red&sort_key=name&sort_dir=desc").then().statusCode(200)
                .body("subnetpools.id", contains(b, a));
        neutron.get("/v2.0/subnetpools?ip_version=4&sort_key=name&sort_dir=asc").then()
                .body("subnetpools.id", contains(a, c));
        neutron.get("/v2.0/subnetpools?min_prefixlen=16").then().body("subnetpools.id", contains(c));
        neutron.get("/v2.0/subnetpools?sort_key=name&sort_dir=asc&limit=2").then().statusCode(200)
                .body("subnetpools.id", contains(a, b))
                .body("subnetpools_links.rel", contains("next", "previous"));
        neutron.get("/v2.0/subnetpools?bogus=1").then().statusCode(400);
        neutron.get("/v2.0/subnetpools/" + a + "/tags/nope").then().statusCode(404)
                .body("NeutronError.type", equalTo("TagNotFound"));
        neutron.delete("/v2.0/subnetpools/" + a).then().statusCode(204);
        neutron.get("/v2.0/subnetpools/" + a + "/tags").then().statusCode(404)
                .body("NeutronError.message", equalTo("Resource subnetpool " + a + " could not be found."));
    }
}
