package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class RoutersApiTest {

    @Inject
    NetworkTestKeys keys;

    private String externalNetwork(String cidr) {
        Neutron admin = new Neutron(keys.admin());
        String network = admin.network("{\"name\":\"ext-" + cidr + "\",\"router:external\":true}").getString("id");
        admin.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"" + cidr + "\","
                + "\"enable_dhcp\":false}");
        return network;
    }

    @Test
    void aRouterGetsAGatewayPortAndInterfacesThatHoldTheSubnetsGateway() {
        String external = externalNetwork("172.24.4.0/24");
        Neutron neutron = new Neutron(keys.member("router-alice", "router-project-a"));
        JsonPath router = neutron.router("{\"name\":\"r1\",\"external_gateway_info\":{\"network_id\":\"" + external
                + "\"}}");
        String id = router.getString("id");
        neutron.get("/v2.0/routers/" + id).then().statusCode(200)
                .body("router.keySet()", containsInAnyOrder("id", "name", "tenant_id", "project_id", "admin_state_up",
                        "status", "external_gateway_info", "routes", "description", "tags", "created_at", "updated_at",
                        "revision_number"))
                .body("router.status", equalTo("ACTIVE"))
                .body("router.external_gateway_info.network_id", equalTo(external))
                .body("router.external_gateway_info.enable_snat", equalTo(true))
                .body("router.external_gateway_info.external_fixed_ips", hasSize(1))
                .body("router.external_gateway_info.external_fixed_ips[0].ip_address", equalTo("172.24.4.2"));
        new Neutron(keys.admin()).get("/v2.0/ports?device_id=" + id + "&device_owner=network:router_gateway").then()
                .body("ports", hasSize(1)).body("ports[0].project_id", equalTo(""))
                .body("ports[0].network_id", equalTo(external));

        String network = neutron.network("inside", false);
        String subnet = neutron.subnet(network, "10.80.0.0/24");
        JsonPath added = neutron.put("/v2.0/routers/" + id + "/add_router_interface", "{\"subnet_id\":\"" + subnet
                + "\"}").then().statusCode(200)
                .body("keySet()", containsInAnyOrder("id", "tenant_id", "project_id", "port_id", "subnet_id",
                        "subnet_ids", "network_id"))
                .body("id", equalTo(id)).body("subnet_id", equalTo(subnet)).body("network_id", equalTo(network))
                .body("subnet_ids", contains(subnet)).extract().jsonPath();
        String interfacePort = added.getString("port_id");
        neutron.get("/v2.0/ports/" + interfacePort).then()
                .body("port.device_owner", equalTo("network:router_interface"))
                .body("port.device_id", equalTo(id))
                .body("port.fixed_ips", contains(Map.of("subnet_id", subnet, "ip_address", "10.80.0.1")));
        neutron.put("/v2.0/routers/" + id + "/add_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Bad router request: Router already has a port on "
                        + "subnet " + subnet + "."));

        neutron.delete("/v2.0/routers/" + id).then().statusCode(409)
                .body("NeutronError.type", equalTo("RouterInUse"))
                .body("NeutronError.message", equalTo("Router " + id + " has ports still attached: " + interfacePort));
        neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(409).body("NeutronError.type",
                equalTo("SubnetInUse"));
        neutron.delete("/v2.0/ports/" + interfacePort).then().statusCode(409)
                .body("NeutronError.type", equalTo("ServicePortInUse"))
                .body("NeutronError.message", equalTo("Port " + interfacePort + " cannot be deleted directly via the port "
                        + "API: has device owner network:router_interface."));

        neutron.put("/v2.0/routers/" + id, "{\"router\":{\"routes\":[{\"destination\":\"10.81.0.0/24\","
                + "\"nexthop\":\"10.80.0.9\"}]}}").then().statusCode(200)
                .body("router.routes", contains(Map.of("destination", "10.81.0.0/24", "nexthop", "10.80.0.9")));
        neutron.put("/v2.0/routers/" + id, "{\"router\":{\"routes\":[{\"destination\":\"10.81.0.0/24\","
                + "\"nexthop\":\"192.0.2.1\"}]}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid format for routes: [{'destination': '10.81.0.0/24', "
                        + "'nexthop': '192.0.2.1'}], the nexthop is not connected with router"));
        neutron.put("/v2.0/routers/" + id + "/remove_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(409).body("NeutronError.type", equalTo("RouterInterfaceInUseByRoute"));
        neutron.put("/v2.0/routers/" + id, "{\"router\":{\"routes\":null}}").then().statusCode(200)
                .body("router.routes", empty());

        neutron.put("/v2.0/routers/" + id + "/remove_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(200).body("port_id", equalTo(interfacePort)).body("subnet_id", equalTo(subnet));
        neutron.get("/v2.0/ports/" + interfacePort).then().statusCode(404);
        neutron.put("/v2.0/routers/" + id + "/remove_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(404).body("NeutronError.type", equalTo("RouterInterfaceNotFoundForSubnet"));
        neutron.put("/v2.0/routers/" + id, "{\"router\":{\"external_gateway_info\":{}}}").then().statusCode(200)
                .body("router.external_gateway_info", nullValue());
        neutron.delete("/v2.0/routers/" + id).then().statusCode(204);
        neutron.get("/v2.0/routers/" + id).then().statusCode(404)
                .body("NeutronError.message", equalTo("Router " + id + " could not be found"));
    }

    @Test
    void interfacesByPortAndTheirRules() {
        Neutron neutron = new Neutron(keys.member("router-bob", "router-project-b"));
        String router = neutron.router("{\"name\":\"r2\"}").getString("id");
        String network = neutron.network("by-port", false);
        String subnet = neutron.subnet(network, "10.82.0.0/24");
        String port = neutron.portOn(network).getString("id");
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"port_id\":\"" + port + "\"}").then()
                .statusCode(200).body("port_id", equalTo(port)).body("subnet_id", equalTo(subnet));
        neutron.get("/v2.0/ports?device_id=" + router).then().body("ports.id", contains(port))
                .body("ports[0].device_owner", equalTo("network:router_interface"));
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"port_id\":\"" + port + "\"}").then()
                .statusCode(409).body("NeutronError.type", equalTo("PortInUse"));
        String overlapping = neutron.network("overlap", false);
        String overlappingSubnet = neutron.subnet(overlapping, "10.82.0.0/25");
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\":\"" + overlappingSubnet + "\"}")
                .then().statusCode(400).body("NeutronError.message", startsWith("Bad router request: Cidr 10.82.0.0/25 "
                        + "of subnet " + overlappingSubnet + " overlaps with cidr 10.82.0.0/24 of subnet " + subnet));
        String noGateway = neutron.subnet("{\"network_id\":\"" + overlapping + "\",\"ip_version\":4,\"cidr\":"
                + "\"10.83.0.0/24\",\"gateway_ip\":null}").getString("id");
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\":\"" + noGateway + "\"}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Bad router request: Subnet for router interface "
                        + "must have a gateway IP."));
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad router request: Either subnet_id or port_id must be "
                        + "specified."));
        neutron.put("/v2.0/routers/" + router + "/remove_router_interface", "{\"port_id\":\"" + port + "\"}").then()
                .statusCode(200);
        neutron.delete("/v2.0/routers/" + router).then().statusCode(204);
    }

    @Test
    void gatewaysNeedAnExternalNetworkAndSnatIsTheAdminsToSet() {
        String external = externalNetwork("172.24.5.0/24");
        Neutron neutron = new Neutron(keys.member("router-carol", "router-project-c"));
        String internal = neutron.network("not-external", false);
        String router = neutron.router("{\"name\":\"r3\"}").getString("id");
        neutron.put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":{\"network_id\":\"" + internal
                + "\"}}}").then().statusCode(400).body("NeutronError.message", equalTo("Bad router request: Network "
                        + internal + " is not an external network."));
        neutron.put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":{\"network_id\":\"" + router
                + "\"}}}").then().statusCode(404).body("NeutronError.type", equalTo("NetworkNotFound"));
        neutron.put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":{\"network_id\":\"" + external
                + "\",\"enable_snat\":false}}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:update_router and rule:update_router:external_gateway_info:"
                        + "enable_snat) is disallowed by policy"));
        new Neutron(keys.admin()).put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":{"
                + "\"network_id\":\"" + external + "\",\"enable_snat\":false,\"external_fixed_ips\":[{\"ip_address\":"
                + "\"172.24.5.77\"}]}}}").then().statusCode(200)
                .body("router.external_gateway_info.enable_snat", equalTo(false))
                .body("router.external_gateway_info.external_fixed_ips[0].ip_address", equalTo("172.24.5.77"));
        String missing = UUID.randomUUID().toString();
        neutron.get("/v2.0/routers/" + missing).then().statusCode(404).body("NeutronError.type",
                equalTo("RouterNotFound"));
        neutron.put("/v2.0/routers/" + missing + "/add_router_interface", "{\"subnet_id\":\"" + missing + "\"}").then()
                .statusCode(404);
        neutron.post("/v2.0/routers", "{\"router\":{\"distributed\":true}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Unrecognized attribute(s) 'distributed'"));
        assertEquals(404, new Neutron(keys.member("router-dave", "router-project-d")).get("/v2.0/routers/" + router)
                .statusCode());
    }
}
