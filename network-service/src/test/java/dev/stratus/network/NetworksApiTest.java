package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class NetworksApiTest {

    static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Inject
    NetworkTestKeys keys;

    @Test
    void memberCreatesShowsUpdatesAndDeletesANetwork() {
        Neutron alice = new Neutron(keys.member("net-alice", "net-project-a"));
        JsonPath created = alice.network("{\"name\":\"blue\",\"description\":\"d1\"}");
        String id = created.getString("id");
        assertEquals("blue", created.getString("name"));
        alice.get("/v2.0/networks/" + id).then().statusCode(200)
                .body("network.keySet()", containsInAnyOrder("id", "name", "tenant_id", "project_id",
                        "admin_state_up", "mtu", "status", "subnets", "shared", "availability_zone_hints",
                        "availability_zones", "router:external", "port_security_enabled", "dns_domain", "description",
                        "tags", "created_at", "updated_at", "revision_number"))
                .body("network.tenant_id", equalTo("net-project-a"))
                .body("network.project_id", equalTo("net-project-a"))
                .body("network.status", equalTo("ACTIVE"))
                .body("network.admin_state_up", equalTo(true))
                .body("network.shared", equalTo(false))
                .body("network.'router:external'", equalTo(false))
                .body("network.mtu", equalTo(1500))
                .body("network.subnets", empty())
                .body("network.availability_zones", contains("nova"))
                .body("network.description", equalTo("d1"))
                .body("network.revision_number", equalTo(1))
                .body("network.created_at", matchesPattern(TIME));

        alice.put("/v2.0/networks/" + id, "{\"network\":{\"name\":\"green\",\"admin_state_up\":false,"
                + "\"description\":\"d2\"}}").then().statusCode(200)
                .body("network.name", equalTo("green"))
                .body("network.admin_state_up", equalTo(false))
                .body("network.description", equalTo("d2"))
                .body("network.revision_number", equalTo(2));
        alice.get("/v2.0/networks?id=" + id).then().statusCode(200)
                .body("networks", hasSize(1)).body("networks[0].name", equalTo("green"));
        alice.get("/v2.0/networks/" + id + "?fields=id&fields=name&fields=mtu").then().statusCode(200)
                .body("network.keySet()", containsInAnyOrder("id", "name", "mtu"));

        alice.delete("/v2.0/networks/" + id).then().statusCode(204);
        alice.get("/v2.0/networks/" + id).then().statusCode(404)
                .body("NeutronError.type", equalTo("NetworkNotFound"))
                .body("NeutronError.message", equalTo("Network " + id + " could not be found."))
                .body("NeutronError.detail", equalTo(""));
        alice.delete("/v2.0/networks/" + id).then().statusCode(404);
    }

    @Test
    void providerAttributesAreTheAdminsAndVxlanHasTheSmallerMtu() {
        Neutron member = new Neutron(keys.member("net-bob", "net-project-b"));
        member.post("/v2.0/networks", "{\"network\":{\"name\":\"x\",\"provider:network_type\":\"vlan\"}}").then()
                .statusCode(403)
                .body("NeutronError.type", equalTo("PolicyNotAuthorized"))
                .body("NeutronError.message", equalTo("(rule:create_network and rule:create_network:provider:"
                        + "network_type) is disallowed by policy"));
        member.post("/v2.0/networks", "{\"network\":{\"shared\":true}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:create_network and rule:create_network:shared) is "
                        + "disallowed by policy"));
        // an admin-only attribute at its default is no attribute set, as Neutron's policy counts it
        String plain = member.network("{\"name\":\"plain\",\"shared\":false,\"router:external\":false}")
                .getString("id");
        member.put("/v2.0/networks/" + plain, "{\"network\":{\"shared\":false}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:update_network and rule:update_network:shared) is "
                        + "disallowed by policy"));
        member.get("/v2.0/networks/" + plain).then().statusCode(200)
                .body("network.keySet()", not(hasItem("provider:network_type")));

        Neutron admin = new Neutron(keys.admin());
        JsonPath vxlan = admin.network("{\"name\":\"tunnel\",\"provider:network_type\":\"vxlan\"}");
        assertEquals(1450, vxlan.getInt("mtu"));
        assertEquals("vxlan", vxlan.getString("'provider:network_type'"));
        assertTrue(vxlan.getInt("'provider:segmentation_id'") >= 1);
        JsonPath vlan = admin.network("{\"provider:network_type\":\"vlan\",\"provider:physical_network\":\"physnet1\","
                + "\"provider:segmentation_id\":101}");
        assertEquals(101, vlan.getInt("'provider:segmentation_id'"));
        assertEquals(1500, vlan.getInt("mtu"));
        admin.post("/v2.0/networks", "{\"network\":{\"provider:network_type\":\"vlan\",\"provider:physical_network\":"
                + "\"physnet1\",\"provider:segmentation_id\":101}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("VlanIdInUse"));
        admin.post("/v2.0/networks", "{\"network\":{\"provider:network_type\":\"vlan\",\"provider:physical_network\":"
                + "\"physnet1\",\"provider:segmentation_id\":5000}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: segmentation_id out of range "
                        + "(1 through 4094)."));
        admin.post("/v2.0/networks", "{\"network\":{\"provider:network_type\":\"flat\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: physical_network required for flat "
                        + "provider network."));
        admin.post("/v2.0/networks", "{\"network\":{\"provider:network_type\":\"gre\"}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidInput"));
        admin.post("/v2.0/networks", "{\"network\":{\"mtu\":9000}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: Requested MTU is too big, maximum "
                        + "is 1500."));
        admin.put("/v2.0/networks/" + vlan.getString("id"), "{\"network\":{\"provider:segmentation_id\":102}}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Invalid input for operation: Plugin does not "
                        + "support updating provider attributes."));
    }

    @Test
    void badBodiesAre400WithTheReason() {
        Neutron member = new Neutron(keys.member("net-carol", "net-project-c"));
        member.post("/v2.0/networks", "{\"network\":{\"name\":\"x\",\"colour\":\"red\"}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("HTTPBadRequest"))
                .body("NeutronError.message", equalTo("Unrecognized attribute(s) 'colour'"));
        member.post("/v2.0/networks", "{\"network\":{\"name\":5}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for name. Reason: '5' is not a valid string."));
        member.post("/v2.0/networks", "{\"network\":{\"admin_state_up\":\"perhaps\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: 'perhaps' cannot be converted to "
                        + "boolean."));
        member.post("/v2.0/networks", "{\"network\":{\"name\":\"" + "n".repeat(256) + "\"}}").then().statusCode(400)
                .body("NeutronError.message", startsWith("Invalid input for name. Reason: "));
        member.post("/v2.0/networks", "{\"net\":{}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Unable to find 'network' in request body"));
        member.post("/v2.0/networks", "{\"network\": {\"name\": ").then().statusCode(400)
                .body("NeutronError.message", startsWith("Malformed request body"));
        member.post("/v2.0/networks", "{}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Resource body required"));
        member.post("/v2.0/networks", "{\"network\":{\"id\":\"" + UUID.randomUUID() + "\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Unrecognized attribute(s) 'id'"));
        String id = member.network("ro", false);
        member.put("/v2.0/networks/" + id, "{\"network\":{\"availability_zone_hints\":[]}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Cannot update read-only attribute availability_zone_hints"));
        member.post("/v2.0/networks", "{\"network\":{\"project_id\":\"someone-else\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Specifying 'project_id' other than the authenticated project in "
                        + "request is not allowed for the current user."));
        member.get("/v2.0/networks/not-a-uuid").then().statusCode(404).body("NeutronError.type",
                equalTo("NetworkNotFound"));
        member.get("/v2.0/networks?colour=red").then().statusCode(400)
                .body("NeutronError.message", equalTo("['colour'] is invalid attribute for filtering"));
        member.get("/v2.0/networks?shared=maybe").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidInput"));
        member.get("/v2.0/networks?sort_key=colour&sort_dir=asc").then().statusCode(400)
                .body("NeutronError.message", equalTo("['colour'] is invalid attribute for sort_keys"));
        member.get("/v2.0/networks?limit=x").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad limit request: Limit must be an integer 0 or greater and "
                        + "not 'x'."));
        member.get("/v2.0/networks?tenant_id=a&project_id=a").then().statusCode(400)
                .body("NeutronError.type", equalTo("TenantIdProjectIdFilterConflict"));
    }

    @Test
    void bulkCreateMakesAllOrNothing() {
        Neutron member = new Neutron(keys.member("net-dave", "net-project-d"));
        member.post("/v2.0/networks", "{\"networks\":[{\"name\":\"b1\"},{\"name\":\"b2\"}]}").then().statusCode(201)
                .body("networks.name", contains("b1", "b2"));
        member.post("/v2.0/networks", "{\"networks\":[{\"name\":\"b3\"},{\"shared\":true}]}").then().statusCode(403);
        member.get("/v2.0/networks?name=b3").then().statusCode(200).body("networks", empty());
        member.get("/v2.0/networks?name=b1&name=b2").then().statusCode(200).body("networks.name",
                containsInAnyOrder("b1", "b2"));
    }

    @Test
    void networkWithPortsCannotGoButItsSubnetsAndDhcpPortGoWithIt() {
        Neutron member = new Neutron(keys.member("net-erin", "net-project-e"));
        String network = member.network("busy", false);
        String subnet = member.subnet(network, "10.90.0.0/24");
        String port = member.portOn(network).getString("id");
        member.delete("/v2.0/networks/" + network).then().statusCode(409)
                .body("NeutronError.type", equalTo("NetworkInUse"))
                .body("NeutronError.message", equalTo("Unable to complete operation on network " + network
                        + ". There are one or more ports still in use on the network."));
        member.delete("/v2.0/ports/" + port).then().statusCode(204);
        member.get("/v2.0/ports?network_id=" + network + "&device_owner=network:dhcp").then().statusCode(200)
                .body("ports", hasSize(1));
        member.delete("/v2.0/networks/" + network).then().statusCode(204);
        member.get("/v2.0/subnets/" + subnet).then().statusCode(404);
        member.get("/v2.0/ports?network_id=" + network).then().statusCode(200).body("ports", empty());
    }

    @Test
    void externalNetworksAreVisibleToAllButTheirSubnetsOnlyWhenShared() {
        Neutron admin = new Neutron(keys.admin());
        String external = admin.network("{\"name\":\"public\",\"router:external\":true}").getString("id");
        admin.subnet(external, "172.24.40.0/24");
        Neutron member = new Neutron(keys.member("net-frank", "net-project-f"));
        member.get("/v2.0/networks?router:external=true").then().statusCode(200)
                .body("networks.id", hasItem(external))
                .body("networks.'router:external'", not(hasItem(false)));
        member.get("/v2.0/networks/" + external).then().statusCode(200).body("network.subnets", hasSize(1));
        member.get("/v2.0/subnets?network_id=" + external).then().statusCode(200).body("subnets", empty());
        member.put("/v2.0/networks/" + external, "{\"network\":{\"name\":\"mine\"}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:update_network) is disallowed by policy"));
        member.delete("/v2.0/networks/" + external).then().statusCode(403);
        admin.get("/v2.0/networks/" + external).then().body("network.'provider:network_type'", notNullValue())
                .body("network.'provider:physical_network'", nullValue());
    }
}
