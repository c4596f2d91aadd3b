package dev.stratus.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What one project sees and may use of another's: nothing, unless shared; admins see and do everything. */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class TenantIsolationTest {

    @Inject
    NetworkTestKeys keys;

    @Test
    void anotherProjectsPrivateNetworkIsInvisibleAndUnusable() {
        Neutron owner = new Neutron(keys.member("iso-alice", "iso-project-a"));
        String network = owner.network("private-a", false);
        String subnet = owner.subnet(network, "10.110.0.0/24");
        String port = owner.portOn(network).getString("id");

        Neutron other = new Neutron(keys.member("iso-bob", "iso-project-b"));
        other.get("/v2.0/networks").then().statusCode(200).body("networks.id", not(hasItem(network)));
        other.get("/v2.0/networks/" + network).then().statusCode(404)
                .body("NeutronError.type", equalTo("NetworkNotFound"));
        other.get("/v2.0/subnets/" + subnet).then().statusCode(404);
        other.get("/v2.0/ports/" + port).then().statusCode(404).body("NeutronError.type", equalTo("PortNotFound"));
        other.get("/v2.0/ports").then().body("ports.id", not(hasItem(port)));
        other.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\"}}").then().statusCode(404)
                .body("NeutronError.message", equalTo("Network " + network + " could not be found."));
        other.put("/v2.0/networks/" + network, "{\"network\":{\"name\":\"taken\"}}").then().statusCode(404);
        other.delete("/v2.0/networks/" + network).then().statusCode(404);
        other.put("/v2.0/ports/" + port, "{\"port\":{\"name\":\"taken\"}}").then().statusCode(404);
        other.delete("/v2.0/ports/" + port).then().statusCode(404);
        other.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":4,"
                + "\"cidr\":\"10.111.0.0/24\"}}").then().statusCode(404);

        Neutron admin = new Neutron(keys.admin());
        admin.get("/v2.0/networks").then().body("networks.id", hasItem(network));
        admin.get("/v2.0/ports/" + port).then().statusCode(200);
        admin.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"project_id\":\"iso-project-a\","
                + "\"name\":\"made-by-admin\"}}").then().statusCode(201).body("port.project_id", equalTo("iso-project-a"));
        owner.get("/v2.0/ports?name=made-by-admin").then().body("ports.name", hasItem("made-by-admin"));
        new Neutron(keys.reader("iso-carol", "iso-project-a")).post("/v2.0/networks", "{\"network\":{}}").then()
                .statusCode(403).body("NeutronError.message", equalTo("(rule:create_network) is disallowed by policy"));
    }

    @Test
    void aSharedNetworkTakesOtherProjectsPortsButStaysTheOwners() {
        Neutron admin = new Neutron(keys.admin());
        String network = admin.network("{\"name\":\"shared-net\",\"shared\":true}").getString("id");
        String subnet = admin.subnet(network, "10.112.0.0/24");
        Neutron tenant = new Neutron(keys.member("iso-dave", "iso-project-d"));
        tenant.get("/v2.0/networks?shared=true").then().body("networks.id", hasItem(network));
        tenant.get("/v2.0/subnets/" + subnet).then().statusCode(200);
        String port = tenant.portOn(network).getString("id");
        tenant.get("/v2.0/ports/" + port).then().body("port.project_id", equalTo("iso-project-d"));
        tenant.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"10.112.0.77\"}]}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:create_port and rule:create_port:fixed_ips:ip_address) is "
                        + "disallowed by policy"));
        tenant.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":4,"
                + "\"cidr\":\"10.113.0.0/24\"}}").then().statusCode(403);
        tenant.put("/v2.0/networks/" + network, "{\"network\":{\"name\":\"mine\"}}").then().statusCode(403);
        admin.put("/v2.0/networks/" + network, "{\"network\":{\"shared\":false}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("InvalidSharedSetting"));
        admin.get("/v2.0/ports?network_id=" + network).then().body("ports.id", hasItems(port));
        new Neutron(keys.member("iso-erin", "iso-project-e")).get("/v2.0/ports?network_id=" + network).then()
                .body("ports.id", not(hasItem(port)));
    }
}
