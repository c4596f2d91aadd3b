package dev.stratus.network;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class FloatingIpsApiTest {

    @Inject
    NetworkTestKeys keys;

    @Test
    void aFloatingIpAssociatesOnlyThroughARouterWithAGatewayOnItsNetwork() {
        Neutron admin = new Neutron(keys.admin());
        String external = admin.network("{\"name\":\"fip-public\",\"router:external\":true}").getString("id");
        admin.subnet("{\"network_id\":\"" + external + "\",\"ip_version\":4,\"cidr\":\"198.51.100.0/24\","
                + "\"enable_dhcp\":false}");
        Neutron neutron = new Neutron(keys.member("fip-alice", "fip-project-a"));
        String network = neutron.network("fip-inside", false);
        String subnet = neutron.subnet(network, "10.85.0.0/24");
        JsonPath port = neutron.port("{\"network_id\":\"" + network + "\",\"device_id\":\"server-9\"}");
        String portId = port.getString("id");
        String fixed = port.getString("fixed_ips[0].ip_address");

        JsonPath fip = neutron.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + external
                + "\"}}").then().statusCode(201)
                .body("floatingip.keySet()", containsInAnyOrder("id", "tenant_id", "project_id", "floating_network_id",
                        "floating_ip_address", "router_id", "port_id", "fixed_ip_address", "status", "dns_name",
                        "dns_domain", "port_details", "description", "tags", "created_at", "updated_at",
                        "revision_number"))
                .body("floatingip.floating_ip_address", startsWith("198.51.100."))
                .body("floatingip.status", equalTo("DOWN"))
                .body("floatingip.port_id", nullValue())
                .body("floatingip.router_id", nullValue())
                .body("floatingip.port_details", nullValue())
                .extract().jsonPath().setRootPath("floatingip");
        String id = fip.getString("id");
        admin.get("/v2.0/ports?device_id=" + id).then().body("ports", hasSize(1))
                .body("ports[0].device_owner", equalTo("network:floatingip"))
                .body("ports[0].status", equalTo("N/A"))
                .body("ports[0].project_id", equalTo(""));

        neutron.put("/v2.0/floatingips/" + id, "{\"floatingip\":{\"port_id\":\"" + portId + "\"}}").then()
                .statusCode(404).body("NeutronError.type", equalTo("ExternalGatewayForFloatingIPNotFound"))
                .body("NeutronError.message", equalTo("External network " + external + " is not reachable from subnet "
                        + subnet + ".  Therefore, cannot associate Port " + portId + " with a Floating IP."));
        String router = neutron.router("{\"name\":\"fip-router\"}").getString("id");
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(200);
        neutron.put("/v2.0/floatingips/" + id, "{\"floatingip\":{\"port_id\":\"" + portId + "\"}}").then()
                .statusCode(404);
        neutron.put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":{\"network_id\":\"" + external
                + "\"}}}").then().statusCode(200);

        neutron.put("/v2.0/floatingips/" + id, "{\"floatingip\":{\"port_id\":\"" + portId + "\"}}").then()
                .statusCode(200)
                .body("floatingip.port_id", equalTo(portId))
                .body("floatingip.fixed_ip_address", equalTo(fixed))
                .body("floatingip.router_id", equalTo(router))
                .body("floatingip.status", equalTo("ACTIVE"))
                .body("floatingip.port_details.device_id", equalTo("server-9"))
                .body("floatingip.port_details.network_id", equalTo(network));
        neutron.put("/v2.0/routers/" + router, "{\"router\":{\"external_gateway_info\":null}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("RouterExternalGatewayInUseByFloatingIp"));
        neutron.put("/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\":\"" + subnet + "\"}").then()
                .statusCode(409).body("NeutronError.type", equalTo("RouterInterfaceInUseByFloatingIP"));
        neutron.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + external + "\",\"port_id\":\""
                + portId + "\"}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("FloatingIPPortAlreadyAssociated"));
        neutron.get("/v2.0/floatingips?port_id=" + portId).then().body("floatingips", hasSize(1));

        neutron.put("/v2.0/floatingips/" + id, "{\"floatingip\":{\"port_id\":null}}").then().statusCode(200)
                .body("floatingip.port_id", nullValue())
                .body("floatingip.fixed_ip_address", nullValue())
                .body("floatingip.router_id", nullValue())
                .body("floatingip.status", equalTo("DOWN"));

        neutron.put("/v2.0/floatingips/" + id, "{\"floatingip\":{\"port_id\":\"" + portId + "\",\"fixed_ip_address\":\""
                + fixed + "\"}}").then().statusCode(200).body("floatingip.fixed_ip_address", equalTo(fixed));
        neutron.delete("/v2.0/ports/" + portId).then().statusCode(204);
        neutron.get("/v2.0/floatingips/" + id).then().statusCode(200)
                .body("floatingip.port_id", nullValue())
                .body("floatingip.router_id", nullValue())
                .body("floatingip.floating_ip_address", notNullValue());
        neutron.delete("/v2.0/floatingips/" + id).then().statusCode(204);
        neutron.get("/v2.0/floatingips/" + id).then().statusCode(404)
                .body("NeutronError.message", equalTo("Floating IP " + id + " could not be found"));
        admin.get("/v2.0/ports?device_id=" + id).then().body("ports", hasSize(0));
    }

    @Test
    void floatingIpsComeOnlyFromExternalNetworksAndTheirAddressIsTheAdminsToChoose() {
        Neutron admin = new Neutron(keys.admin());
        String external = admin.network("{\"name\":\"fip-public-2\",\"router:external\":true}").getString("id");
        admin.subnet("{\"network_id\":\"" + external + "\",\"ip_version\":4,\"cidr\":\"203.0.113.0/24\","
                + "\"enable_dhcp\":false}");
        Neutron neutron = new Neutron(keys.member("fip-bob", "fip-project-b"));
        String internal = neutron.network("fip-private", false);
        neutron.subnet(internal, "10.86.0.0/24");
        neutron.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + internal + "\"}}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Bad floatingip request: Network " + internal
                        + " is not a valid external network."));
        neutron.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + external
                + "\",\"floating_ip_address\":\"203.0.113.50\"}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:create_floatingip and rule:create_floatingip:"
                        + "floating_ip_address) is disallowed by policy"));
        admin.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + external
                + "\",\"floating_ip_address\":\"203.0.113.50\",\"project_id\":\"fip-project-b\"}}").then().statusCode(201)
                .body("floatingip.floating_ip_address", equalTo("203.0.113.50"))
                .body("floatingip.project_id", equalTo("fip-project-b"));
        neutron.get("/v2.0/floatingips?floating_ip_address=203.0.113.50").then().body("floatingips", hasSize(1));
        neutron.post("/v2.0/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + external
                + "\",\"fixed_ip_address\":\"10.86.0.5\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad floatingip request: fixed_ip_address cannot be specified "
                        + "without a port_id."));

        // deleting the external network takes its floating IPs (and their ports) with it, as in Neutron
        admin.delete("/v2.0/networks/" + external).then().statusCode(204);
        neutron.get("/v2.0/floatingips?floating_ip_address=203.0.113.50").then().body("floatingips", hasSize(0));
        admin.get("/v2.0/ports?network_id=" + external).then().body("ports", hasSize(0));
    }
}
