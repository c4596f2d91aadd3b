package dev.stratus.network;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Get-me-a-network: the default external network, the dry run, building, reusing and deleting a topology. */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class AutoAllocatedTopologyApiTest {

    private static final String TOPOLOGY = "/v2.0/auto-allocated-topology/";

    @Inject
    NetworkTestKeys keys;

    private Neutron admin() {
        return new Neutron(keys.admin());
    }

    @Test
    void onlyAnAdminMarksTheOneDefaultExternalNetwork() {
        Neutron admin = admin();
        Neutron member = new Neutron(keys.member("aat-alice", "aat-project-a"));
        String external = admin.network("{\"name\":\"aat-ext\",\"router:external\":true,\"is_default\":true}")
                .getString("id");
        try {
            admin.get("/v2.0/networks/" + external).then().body("network.is_default", equalTo(true));
            admin.post("/v2.0/networks", "{\"network\":{\"name\":\"aat-ext2\",\"router:external\":true,"
                    + "\"is_default\":true}}").then().statusCode(409)
                    .body("NeutronError.type", equalTo("DefaultExternalNetworkExists"))
                    .body("NeutronError.message", equalTo("A default external network already exists: " + external
                            + "."));
            admin.get("/v2.0/networks?is_default=true").then().body("networks.id", contains(external));
            member.post("/v2.0/networks", "{\"network\":{\"name\":\"aat-mine\",\"is_default\":true}}").then()
                    .statusCode(403);
            String internal = member.network("aat-internal", false);
            member.get("/v2.0/networks/" + internal).then().body("network", not(hasKey("is_default")));
            // no longer external, no longer the default
            admin.put("/v2.0/networks/" + external, "{\"network\":{\"router:external\":false}}").then()
                    .statusCode(200).body("network", not(hasKey("is_default")));
            admin.put("/v2.0/networks/" + external, "{\"network\":{\"router:external\":true}}").then()
                    .body("network.is_default", equalTo(false));
        } finally {
            admin.delete("/v2.0/networks/" + external).then().statusCode(204);
        }
    }

    @Test
    void aTopologyNeedsTheDefaultExternalNetworkAndADefaultPool() {
        Neutron admin = admin();
        Neutron member = new Neutron(keys.member("aat-bob", "aat-project-b"));
        member.get(TOPOLOGY + "aat-project-b?fields=dry-run").then().statusCode(409)
                .body("NeutronError.type", equalTo("AutoAllocationFailure"))
                .body("NeutronError.message", equalTo("Deployment error: No default router:external network."));
        member.get(TOPOLOGY + "aat-project-b").then().statusCode(409)
                .body("NeutronError.message", equalTo("Deployment error: No default router:external network."));
        String external = externalDefault(admin, "172.31.250.0/24");
        try {
            member.get(TOPOLOGY + "aat-project-b?fields=dry-run").then().statusCode(409)
                    .body("NeutronError.message", equalTo("Deployment error: No default subnetpools defined."));
            member.get(TOPOLOGY + "aat-project-b").then().statusCode(409)
                    .body("NeutronError.message", equalTo("Deployment error: Unable to provide tenant private "
                            + "network."));
            // nothing is left half-built
            member.get("/v2.0/networks?project_id=aat-project-b").then().body("networks", hasSize(0));
            member.get(TOPOLOGY + "aat-project-b?fields=name").then().statusCode(400)
                    .body("NeutronError.message", equalTo("Bad auto_allocate request: Unrecognized field."));
        } finally {
            admin.delete("/v2.0/networks/" + external).then().statusCode(204);
        }
    }

    @Test
    void theFirstRequestBuildsTheTopologyAndLaterOnesReturnIt() throws Exception {
        Neutron admin = admin();
        Neutron member = new Neutron(keys.member("aat-carol", "aat-project-c"));
        String external = externalDefault(admin, "172.31.251.0/24");
        String pool = defaultPool(admin, "10.250.0.0/16");
        try {
            member.get(TOPOLOGY + "aat-project-c?fields=dry-run").then().statusCode(200)
                    .body("auto_allocated_topology.id", equalTo("dry-run=pass"))
                    .body("auto_allocated_topology.project_id", equalTo("aat-project-c"));
            member.get("/v2.0/networks?project_id=aat-project-c").then().body("networks", hasSize(0));

            String network = member.get(TOPOLOGY + "aat-project-c").then().statusCode(200)
                    .body("auto_allocated_topology.tenant_id", equalTo("aat-project-c"))
                    .extract().path("auto_allocated_topology.id");
            member.get("/v2.0/networks/" + network).then()
                    .body("network.name", equalTo("auto_allocated_network"))
                    .body("network.admin_state_up", equalTo(true))
                    .body("network.shared", equalTo(false))
                    .body("network.subnets", hasSize(1));
            member.get("/v2.0/subnets?network_id=" + network).then()
                    .body("subnets[0].name", equalTo("auto_allocated_subnet_v4"))
                    .body("subnets[0].subnetpool_id", equalTo(pool))
                    .body("subnets[0].cidr", equalTo("10.250.0.0/26"));
            String router = member.get("/v2.0/routers?project_id=aat-project-c").then()
                    .body("routers", hasSize(1))
                    .body("routers[0].name", equalTo("auto_allocated_router"))
                    .body("routers[0].external_gateway_info.network_id", equalTo(external))
                    .extract().path("routers[0].id");
            member.get("/v2.0/ports?device_id=" + router + "&network_id=" + network).then()
                    .body("ports", hasSize(1))
                    .body("ports[0].device_owner", equalTo("network:router_interface"))
                    .body("ports[0].fixed_ips[0].ip_address", equalTo("10.250.0.1"));

            member.get(TOPOLOGY + "aat-project-c").then().body("auto_allocated_topology.id", equalTo(network));
            member.get(TOPOLOGY + "None").then().body("auto_allocated_topology.id", equalTo(network));
            admin.get(TOPOLOGY + "aat-project-c").then().body("auto_allocated_topology.id", equalTo(network));
            new Neutron(keys.member("aat-mallory", "aat-project-m")).get(TOPOLOGY + "aat-project-c").then()
                    .statusCode(403).body("NeutronError.type", equalTo("NotAuthorized"));

            member.delete(TOPOLOGY + "aat-project-c").then().statusCode(204);
            member.get("/v2.0/networks?project_id=aat-project-c").then().body("networks", hasSize(0));
            member.get("/v2.0/routers?project_id=aat-project-c").then().body("routers", hasSize(0));
            member.delete(TOPOLOGY + "aat-project-c").then().statusCode(204);
        } finally {
            admin.delete("/v2.0/subnetpools/" + pool).then().statusCode(204);
            admin.delete("/v2.0/networks/" + external).then().statusCode(204);
        }
    }

    @Test
    void concurrentRequestsOfAProjectShareOneNetwork() throws Exception {
        Neutron admin = admin();
        Neutron member = new Neutron(keys.member("aat-dave", "aat-project-d"));
        String external = externalDefault(admin, "172.31.252.0/24");
        String pool = defaultPool(admin, "10.251.0.0/16");
        try {
            List<Response> answers = Parallel.run(6, () -> member.get(TOPOLOGY + "aat-project-d"));
            Set<Integer> statuses = answers.stream().map(Response::statusCode).collect(Collectors.toSet());
            assertThat(statuses, equalTo(Set.of(200)));
            Set<String> ids = answers.stream().map(r -> r.jsonPath().getString("auto_allocated_topology.id"))
                    .collect(Collectors.toSet());
            assertThat(ids, hasSize(1));
            member.get("/v2.0/networks?project_id=aat-project-d").then().body("networks", hasSize(1))
                    .body("networks.id", hasItem(ids.iterator().next()));
            member.get("/v2.0/routers?project_id=aat-project-d").then().body("routers", hasSize(1));
            // a server's port on the network keeps it: the delete is refused and nothing is taken down
            String network = ids.iterator().next();
            String port = member.port("{\"network_id\":\"" + network + "\",\"device_id\":\"vm-1\","
                    + "\"device_owner\":\"compute:nova\"}").getString("id");
            member.delete(TOPOLOGY + "aat-project-d").then().statusCode(409)
                    .body("NeutronError.type", equalTo("NetworkInUse"));
            member.get("/v2.0/routers?project_id=aat-project-d").then().body("routers", hasSize(1));
            member.delete("/v2.0/ports/" + port).then().statusCode(204);
            member.delete(TOPOLOGY + "aat-project-d").then().statusCode(204);
            assertThat(member.get("/v2.0/networks?project_id=aat-project-d").jsonPath().getList("networks"),
                    equalTo(List.<Map<String, Object>>of()));
        } finally {
            admin.delete("/v2.0/subnetpools/" + pool).then().statusCode(204);
            admin.delete("/v2.0/networks/" + external).then().statusCode(204);
        }
    }

    private static String externalDefault(Neutron admin, String cidr) {
        String network = admin.network("{\"name\":\"aat-public-" + cidr + "\",\"router:external\":true,"
                + "\"is_default\":true}").getString("id");
        admin.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"" + cidr + "\","
                + "\"enable_dhcp\":false}");
        return network;
    }

    private static String defaultPool(Neutron admin, String prefix) {
        return admin.post("/v2.0/subnetpools", "{\"subnetpool\":{\"name\":\"aat-default\",\"prefixes\":[\"" + prefix
                + "\"],\"default_prefixlen\":26,\"shared\":true,\"is_default\":true}}").then().statusCode(201)
                .extract().path("subnetpool.id");
    }
}
