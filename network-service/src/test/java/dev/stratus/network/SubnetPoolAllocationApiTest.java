package dev.stratus.network;

import static dev.stratus.network.SubnetPoolsApiTest.pool;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class SubnetPoolAllocationApiTest {

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("alloc-user", "alloc-project"));
    }

    private static Response subnet(Neutron neutron, String network, String pool, String extra) {
        return neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":4,"
                + "\"subnetpool_id\":\"" + pool + "\"" + extra + "}}");
    }

    @Test
    void anyRequestTakesTheNextFreePrefixOfTheDefaultOrRequestedLength() {
        Neutron neutron = member();
        String network = neutron.network("alloc-a", false);
        String pool = pool(neutron, "{\"name\":\"alloc-a\",\"prefixes\":[\"10.60.0.0/16\"],\"default_prefixlen\":24}")
                .getString("id");
        JsonPath first = subnet(neutron, network, pool, "").then().statusCode(201).extract().jsonPath()
                .setRootPath("subnet");
        assertThat(first.getString("cidr"), equalTo("10.60.0.0/24"));
        assertThat(first.getString("subnetpool_id"), equalTo(pool));
        assertThat(first.getString("gateway_ip"), equalTo("10.60.0.1"));
        assertThat(first.getList("allocation_pools"), contains(Map.of("start", "10.60.0.2", "end", "10.60.0.254")));
        subnet(neutron, network, pool, "").then().statusCode(201).body("subnet.cidr", equalTo("10.60.1.0/24"));
        subnet(neutron, network, pool, ",\"prefixlen\":26").then().statusCode(201)
                .body("subnet.cidr", equalTo("10.60.2.0/26"));
        // the smallest free block that holds the request is used first: the rest of 10.60.2.0/24
        subnet(neutron, network, pool, ",\"prefixlen\":25").then().statusCode(201)
                .body("subnet.cidr", equalTo("10.60.2.128/25"));
        neutron.get("/v2.0/subnets?subnetpool_id=" + pool + "&sort_key=cidr&sort_dir=asc").then().statusCode(200)
                .body("subnets.cidr", contains("10.60.0.0/24", "10.60.1.0/24", "10.60.2.0/26", "10.60.2.128/25"));
        String plain = neutron.subnet(network, "192.168.77.0/24");
        neutron.get("/v2.0/subnets?network_id=" + network + "&subnetpool_id=").then()
                .body("subnets", hasSize(5));
        neutron.get("/v2.0/subnets/" + plain).then().body("subnet.subnetpool_id", equalTo(null));
        // deleting a subnet frees its prefix for the next request
        neutron.delete("/v2.0/subnets/" + first.getString("id")).then().statusCode(204);
        subnet(neutron, network, pool, "").then().statusCode(201).body("subnet.cidr", equalTo("10.60.0.0/24"));
    }

    @Test
    void specificRequestsMustLieInFreeSpaceOfThePool() {
        Neutron neutron = member();
        String network = neutron.network("alloc-b", false);
        String other = neutron.network("alloc-b2", false);
        String pool = pool(neutron, "{\"name\":\"alloc-b\",\"prefixes\":[\"10.61.0.0/20\"],\"min_prefixlen\":22,"
                + "\"max_prefixlen\":28}").getString("id");
        subnet(neutron, network, pool, ",\"cidr\":\"10.61.4.0/24\"").then().statusCode(201)
                .body("subnet.cidr", equalTo("10.61.4.0/24"))
                .body("subnet.subnetpool_id", equalTo(pool));
        // another network may not have it either: the pool hands each prefix out once
        subnet(neutron, other, pool, ",\"cidr\":\"10.61.4.128/25\"").then().statusCode(500)
                .body("NeutronError.type", equalTo("SubnetAllocationError"))
                .body("NeutronError.message", equalTo("Failed to allocate subnet: Cannot allocate requested subnet "
                        + "from the available set of prefixes."));
        subnet(neutron, other, pool, ",\"cidr\":\"10.62.0.0/24\"").then().statusCode(500)
                .body("NeutronError.type", equalTo("SubnetAllocationError"));
        subnet(neutron, other, pool, ",\"cidr\":\"10.61.8.0/21\"").then().statusCode(400)
                .body("NeutronError.type", equalTo("MinPrefixSubnetAllocationError"))
                .body("NeutronError.message", equalTo("Unable to allocate subnet with prefix length 21, minimum "
                        + "allowed prefix is 22."));
        subnet(neutron, other, pool, ",\"prefixlen\":29").then().statusCode(400)
                .body("NeutronError.type", equalTo("MaxPrefixSubnetAllocationError"))
                .body("NeutronError.message", equalTo("Unable to allocate subnet with prefix length 29, maximum "
                        + "allowed prefix is 28."));
        subnet(neutron, other, pool, ",\"cidr\":\"10.61.8.0/24\",\"prefixlen\":24").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad subnets request: cidr and prefixlen must not be supplied "
                        + "together."));
        subnet(neutron, other, pool, ",\"allocation_pools\":[{\"start\":\"10.61.8.2\",\"end\":\"10.61.8.9\"}]")
                .then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad subnets request: allocation_pools allowed only for "
                        + "specific subnet requests.."));
        // a gateway alone asks for the prefix around it
        subnet(neutron, other, pool, ",\"gateway_ip\":\"10.61.12.1\",\"prefixlen\":24").then().statusCode(201)
                .body("subnet.cidr", equalTo("10.61.12.0/24"))
                .body("subnet.gateway_ip", equalTo("10.61.12.1"));
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + other + "\",\"ip_version\":6,"
                + "\"subnetpool_id\":\"" + pool + "\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad subnets request: Cannot allocate IPv6 subnet from IPv4 "
                        + "subnet pool."));
        subnet(neutron, other, java.util.UUID.randomUUID().toString(), "").then().statusCode(404)
                .body("NeutronError.type", equalTo("SubnetPoolNotFound"));
    }

    @Test
    void anExhaustedPoolAndTheProjectQuotaRefuseMore() {
        Neutron neutron = member();
        String network = neutron.network("alloc-c", false);
        String pool = pool(neutron, "{\"name\":\"alloc-c\",\"prefixes\":[\"10.63.0.0/23\"],\"default_prefixlen\":24}")
                .getString("id");
        subnet(neutron, network, pool, "").then().statusCode(201);
        subnet(neutron, network, pool, "").then().statusCode(201);
        subnet(neutron, network, pool, "").then().statusCode(500)
                .body("NeutronError.type", equalTo("SubnetAllocationError"))
                .body("NeutronError.message", equalTo("Failed to allocate subnet: Insufficient prefix space to "
                        + "allocate subnet size /24."));

        String quoted = pool(neutron, "{\"name\":\"alloc-q\",\"prefixes\":[\"10.64.0.0/16\"],\"default_quota\":300}")
                .getString("id");
        subnet(neutron, network, quoted, ",\"prefixlen\":24").then().statusCode(201);
        subnet(neutron, network, quoted, ",\"prefixlen\":26").then().statusCode(409)
                .body("NeutronError.type", equalTo("SubnetPoolQuotaExceeded"))
                .body("NeutronError.message", equalTo("Per-tenant subnet pool prefix quota exceeded."));
        subnet(neutron, network, quoted, ",\"prefixlen\":27").then().statusCode(201);
    }

    @Test
    void aPoolWithSubnetsCannotGoUntilTheyAreDeleted() {
        Neutron neutron = member();
        String network = neutron.network("alloc-d", false);
        String pool = pool(neutron, "{\"name\":\"alloc-d\",\"prefixes\":[\"10.65.0.0/16\"],\"default_prefixlen\":24}")
                .getString("id");
        String subnet = subnet(neutron, network, pool, "").then().statusCode(201).extract().path("subnet.id");
        neutron.delete("/v2.0/subnetpools/" + pool).then().statusCode(400)
                .body("NeutronError.type", equalTo("SubnetPoolDeleteError"))
                .body("NeutronError.message", equalTo("Unable to delete subnet pool: Subnet pool has existing "
                        + "allocations."));
        neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(204);
        neutron.delete("/v2.0/subnetpools/" + pool).then().statusCode(204);
    }

    @Test
    void useDefaultSubnetpoolTakesTheAdminsDefaultPool() {
        Neutron admin = new Neutron(keys.admin());
        Neutron neutron = member();
        String network = neutron.network("alloc-e", false);
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                + "\"use_default_subnetpool\":true}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad subnets request: No default subnetpool found for IPv6."));
        String pool = pool(admin, "{\"name\":\"default-v6\",\"prefixes\":[\"2001:db8:100::/48\"],\"shared\":true,"
                + "\"is_default\":true}").getString("id");
        try {
            SubnetPoolsApiTest.createPool(admin, "{\"prefixes\":[\"2001:db8:200::/48\"],\"is_default\":true}").then()
                    .statusCode(400)
                    .body("NeutronError.message", equalTo("Invalid input for operation: A default subnetpool for this "
                            + "IP family has already been set. Only one default may exist per IP family."));
            String subnet = neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network
                    + "\",\"ip_version\":6,\"use_default_subnetpool\":true,\"ipv6_address_mode\":\"slaac\","
                    + "\"ipv6_ra_mode\":\"slaac\"}}").then().statusCode(201)
                    .body("subnet.cidr", equalTo("2001:db8:100::/64"))
                    .body("subnet.subnetpool_id", equalTo(pool))
                    .extract().path("subnet.id");
            neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                    + "\"use_default_subnetpool\":true,\"subnetpool_id\":\"" + pool + "\"}}").then().statusCode(400)
                    .body("NeutronError.message", equalTo("Bad subnets request: subnetpool_id and "
                            + "use_default_subnetpool cannot both be specified."));
            neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(204);
        } finally {
            admin.delete("/v2.0/subnetpools/" + pool).then().statusCode(204);
        }
    }

    @Test
    void prefixesAreAddedAndRemovedUnlessASubnetHoldsThem() {
        Neutron neutron = member();
        String network = neutron.network("alloc-ops", false);
        String pool = pool(neutron, "{\"name\":\"alloc-ops\",\"prefixes\":[\"10.67.0.0/24\"],\"default_prefixlen\":26}")
                .getString("id");
        neutron.put("/v2.0/subnetpools/" + pool + "/add_prefixes", "{\"prefixes\":[\"10.67.1.0/24\",\"10.68.0.0/24\"]}")
                .then().statusCode(200)
                .body("prefixes", contains("10.67.0.0/23", "10.68.0.0/24"));
        neutron.put("/v2.0/subnetpools/" + pool + "/add_prefixes", "{\"prefixes\":[\"2001:db8::/64\"]}").then()
                .statusCode(400).body("NeutronError.type", equalTo("PrefixVersionMismatch"));
        neutron.put("/v2.0/subnetpools/" + pool + "/add_prefixes", "{\"prefixes\":[]}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Request body contains invalid data"));
        subnet(neutron, network, pool, ",\"cidr\":\"10.67.0.0/26\"").then().statusCode(201);
        neutron.put("/v2.0/subnetpools/" + pool + "/remove_prefixes", "{\"prefixes\":[\"10.67.0.0/25\"]}").then()
                .statusCode(400)
                .body("NeutronError.type", equalTo("IllegalSubnetPoolPrefixUpdate"))
                .body("NeutronError.message", equalTo("Illegal update to prefixes: One or more the prefixes to be "
                        + "removed is in use by a subnet.."));
        neutron.put("/v2.0/subnetpools/" + pool + "/remove_prefixes", "{\"prefixes\":[\"10.67.1.0/25\","
                + "\"10.68.0.0/24\"]}").then().statusCode(200)
                .body("prefixes", contains("10.67.0.0/24", "10.67.1.128/25"));
        neutron.put("/v2.0/subnetpools/" + pool + "/remove_prefixes", "{\"prefixes\":[\"10.99.0.0/24\"]}").then()
                .statusCode(200).body("prefixes", contains("10.67.0.0/24", "10.67.1.128/25"));
        neutron.get("/v2.0/subnetpools/" + pool).then().body("subnetpool.prefixes",
                contains("10.67.0.0/24", "10.67.1.128/25"))
                .body("subnetpool.revision_number", equalTo(3));
        new Neutron(keys.member("other-user", "other-project")).put("/v2.0/subnetpools/" + pool + "/add_prefixes",
                "{\"prefixes\":[\"10.69.0.0/24\"]}").then().statusCode(404);
    }

    @Test
    void parallelCreatesNeverShareAPrefix() throws Exception {
        Neutron neutron = member();
        String pool = pool(neutron, "{\"name\":\"alloc-p\",\"prefixes\":[\"10.66.0.0/21\"],\"default_prefixlen\":24}")
                .getString("id");
        List<String> networks = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            networks.add(neutron.network("alloc-p" + i, false));
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Response> answers = Parallel.run(12, () -> subnet(neutron, networks.get(next.getAndIncrement()), pool,
                ",\"enable_dhcp\":false"));
        Set<String> cidrs = new HashSet<>();
        int refused = 0;
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                cidrs.add(r.jsonPath().getString("subnet.cidr"));
            } else {
                assertThat(r.asString(), r.statusCode(), equalTo(500));
                refused++;
            }
        }
        assertThat(cidrs, containsInAnyOrder("10.66.0.0/24", "10.66.1.0/24", "10.66.2.0/24", "10.66.3.0/24",
                "10.66.4.0/24", "10.66.5.0/24", "10.66.6.0/24", "10.66.7.0/24"));
        assertThat(refused, equalTo(4));
    }
}
