package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class PortsApiTest {

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("port-user", "port-project"));
    }

    @Test
    void aNewPortHasAnAddressAMacTheDefaultGroupAndIsDownAndUnbound() {
        Neutron neutron = member();
        String network = neutron.network("ports-a", false);
        String subnet = neutron.subnet(network, "10.60.0.0/24");
        JsonPath port = neutron.port("{\"network_id\":\"" + network + "\",\"name\":\"p1\",\"device_id\":\"server-1\","
                + "\"device_owner\":\"compute:nova\"}");
        String id = port.getString("id");
        String defaultGroup = neutron.get("/v2.0/security-groups?name=default").then().extract().path(
                "security_groups[0].id");
        neutron.get("/v2.0/ports/" + id).then().statusCode(200)
                .body("port.keySet()", containsInAnyOrder("id", "name", "network_id", "tenant_id", "project_id",
                        "mac_address", "admin_state_up", "status", "device_id", "device_owner", "fixed_ips",
                        "allowed_address_pairs", "security_groups", "port_security_enabled", "binding:vnic_type",
                        "dns_name", "dns_assignment", "extra_dhcp_opts", "description", "tags", "created_at",
                        "updated_at", "revision_number"))
                .body("port.status", equalTo("DOWN"))
                .body("port.mac_address", matchesPattern("fa:16:3e(:[0-9a-f]{2}){3}"))
                .body("port.fixed_ips", contains(Map.of("subnet_id", subnet, "ip_address", "10.60.0.3")))
                .body("port.security_groups", contains(defaultGroup))
                .body("port.port_security_enabled", equalTo(true))
                .body("port.'binding:vnic_type'", equalTo("normal"))
                .body("port.device_id", equalTo("server-1"))
                .body("port.dns_assignment", contains(Map.of("hostname", "host-10-60-0-3", "ip_address", "10.60.0.3",
                        "fqdn", "host-10-60-0-3.openstacklocal.")));
        Neutron service = new Neutron(keys.service());
        service.get("/v2.0/ports/" + id).then().statusCode(200)
                .body("port.'binding:host_id'", equalTo(""))
                .body("port.'binding:vif_type'", equalTo("unbound"))
                .body("port.'binding:vif_details'", equalTo(Map.of()))
                .body("port.'binding:profile'", equalTo(Map.of()));

        service.put("/v2.0/ports/" + id, "{\"port\":{\"binding:host_id\":\"compute-7\"}}").then().statusCode(200)
                .body("port.'binding:host_id'", equalTo("compute-7"))
                .body("port.'binding:vif_type'", equalTo("bridge"))
                .body("port.'binding:vif_details'.bridge_name", equalTo("brq" + network.substring(0, 11)))
                .body("port.'binding:vif_details'.port_filter", equalTo(true))
                .body("port.status", equalTo("DOWN"));
        service.get("/v2.0/ports?binding:host_id=compute-7").then().statusCode(200)
                .body("ports.id", contains(id));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"binding:host_id\":\"elsewhere\"}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:update_port and rule:update_port:binding:host_id) is "
                        + "disallowed by policy"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"binding:host_id\":\"h\"}}").then()
                .statusCode(403).body("NeutronError.message", equalTo("(rule:create_port and rule:create_port:binding:"
                        + "host_id) is disallowed by policy"));
    }

    @Test
    void fixedIpsAndMacsAreGivenOrRefusedAsNeutronDoes() {
        Neutron neutron = member();
        String network = neutron.network("ports-b", false);
        String subnet = neutron.subnet(network, "10.61.0.0/24");
        String other = neutron.network("ports-b-other", false);
        String otherSubnet = neutron.subnet(other, "10.62.0.0/24");
        JsonPath fixed = neutron.port("{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"ip_address\":\"10.61.0.50\"}],"
                + "\"mac_address\":\"FA:16:3E:00:00:01\"}");
        assertEquals("fa:16:3e:00:00:01", fixed.getString("mac_address"));
        assertEquals(List.of(Map.of("subnet_id", subnet, "ip_address", "10.61.0.50")), fixed.getList("fixed_ips"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + subnet + "\",\"ip_address\":\"10.61.0.50\"}]}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("IpAddressAlreadyAllocated"))
                .body("NeutronError.message", equalTo("IP address 10.61.0.50 already allocated in subnet " + subnet));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"mac_address\":\"fa:16:3e:00:00:01\"}}")
                .then().statusCode(409).body("NeutronError.type", equalTo("MacAddressInUse"))
                .body("NeutronError.message", equalTo("Unable to complete operation for network " + network
                        + ". The mac address fa:16:3e:00:00:01 is in use."));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + subnet + "\",\"ip_address\":\"10.61.0.255\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidIpForSubnet"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"192.0.2.1\"}]}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("IP address 192.0.2.1 is not a valid IP for any of the subnets on "
                        + "the specified network."));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + otherSubnet + "\"}]}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: Failed to create port on network "
                        + network + ", because fixed_ips included invalid subnet " + otherSubnet + "."));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"mac_address\":\"zz\"}}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Invalid input for mac_address. Reason: 'zz' is "
                        + "not a valid MAC address."));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"10.61.0.010\"}]}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for fixed_ips. Reason: '10.61.0.010' is not an "
                        + "accepted IP address, '10.61.0.10' is recommended."));
        String missing = UUID.randomUUID().toString();
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + missing + "\"}}").then().statusCode(404)
                .body("NeutronError.type", equalTo("NetworkNotFound"));
        neutron.get("/v2.0/ports/" + missing).then().statusCode(404).body("NeutronError.message",
                equalTo("Port " + missing + " could not be found."));

        String second = neutron.subnet(network, "10.63.0.0/24");
        String id = fixed.getString("id");
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"" + subnet + "\"},{\"subnet_id\":\""
                + second + "\"}]}}").then().statusCode(200)
                .body("port.fixed_ips", containsInAnyOrder(Map.of("subnet_id", subnet, "ip_address", "10.61.0.50"),
                        Map.of("subnet_id", second, "ip_address", "10.63.0.3")))
                .body("port.revision_number", equalTo(2));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"" + second + "\"}]}}").then()
                .statusCode(200).body("port.fixed_ips", contains(Map.of("subnet_id", second, "ip_address", "10.63.0.3")));
        neutron.port("{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"ip_address\":\"10.61.0.50\"}]}");
    }

    @Test
    void portSecurityGroupsAndAddressPairsFollowNeutronsRules() {
        Neutron neutron = member();
        String network = neutron.network("ports-c", false);
        neutron.subnet(network, "10.64.0.0/24");
        String group = neutron.securityGroup("web").getString("id");
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"port_security_enabled\":false,"
                + "\"security_groups\":[\"" + group + "\"]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("PortSecurityAndIPRequiredForSecurityGroups"));
        JsonPath open = neutron.port("{\"network_id\":\"" + network + "\",\"port_security_enabled\":false}");
        assertEquals(List.of(), open.getList("security_groups"));
        neutron.put("/v2.0/ports/" + open.getString("id"), "{\"port\":{\"allowed_address_pairs\":[{\"ip_address\":"
                + "\"10.64.0.200\"}]}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("AddressPairAndPortSecurityRequired"))
                .body("NeutronError.message", equalTo("Port Security must be enabled in order to have allowed address "
                        + "pairs on a port."));

        JsonPath guarded = neutron.port("{\"network_id\":\"" + network + "\",\"security_groups\":[\"" + group + "\"],"
                + "\"allowed_address_pairs\":[{\"ip_address\":\"10.64.0.0/28\"},{\"ip_address\":\"10.64.0.99\","
                + "\"mac_address\":\"fa:16:3e:aa:bb:cc\"}]}");
        String id = guarded.getString("id");
        neutron.get("/v2.0/ports/" + id).then()
                .body("port.security_groups", contains(group))
                .body("port.allowed_address_pairs", contains(
                        Map.of("ip_address", "10.64.0.0/28", "mac_address", guarded.getString("mac_address")),
                        Map.of("ip_address", "10.64.0.99", "mac_address", "fa:16:3e:aa:bb:cc")));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"port_security_enabled\":false}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("PortSecurityPortHasSecurityGroup"));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"port_security_enabled\":false,\"security_groups\":[],"
                + "\"allowed_address_pairs\":[]}}").then().statusCode(200)
                .body("port.port_security_enabled", equalTo(false))
                .body("port.security_groups", empty())
                .body("port.allowed_address_pairs", empty());
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"security_groups\":[\""
                + UUID.randomUUID() + "\"]}}").then().statusCode(404)
                .body("NeutronError.type", equalTo("SecurityGroupNotFound"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"allowed_address_pairs\":[{"
                + "\"mac_address\":\"fa:16:3e:00:00:09\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("AllowedAddressPairsMissingIP"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"security_groups\":[]}}").then()
                .statusCode(201).body("port.security_groups", empty());
    }

    @Test
    void portsAreFoundByAddressGroupDeviceAndFields() {
        Neutron neutron = member();
        String network = neutron.network("ports-d", false);
        String subnet = neutron.subnet(network, "10.65.0.0/24");
        String group = neutron.securityGroup("db").getString("id");
        String first = neutron.port("{\"network_id\":\"" + network + "\",\"device_id\":\"vm-a\",\"security_groups\":[\""
                + group + "\"]}").getString("id");
        String second = neutron.port("{\"network_id\":\"" + network + "\",\"device_id\":\"vm-b\"}").getString("id");
        String address = neutron.get("/v2.0/ports/" + first).then().extract().path("port.fixed_ips[0].ip_address");
        neutron.get("/v2.0/ports?fixed_ips=ip_address=" + address).then().statusCode(200).body("ports.id",
                contains(first));
        // an empty filter value is ignored, as in Neutron: both ports and the DHCP port
        neutron.get("/v2.0/ports?fixed_ips=subnet_id=" + subnet + "&device_owner=").then().statusCode(200)
                .body("ports.id", hasItem(second)).body("ports", hasSize(3));
        neutron.get("/v2.0/ports?fixed_ips=ip_address_substr=10.65.0.").then().body("ports", hasSize(3));
        neutron.get("/v2.0/ports?security_groups=" + group).then().body("ports.id", contains(first));
        neutron.get("/v2.0/ports?device_id=vm-a&device_id=vm-b").then().body("ports.id", containsInAnyOrder(first,
                second));
        neutron.get("/v2.0/ports?network_id=" + network + "&fields=id&fields=mac_address").then()
                .body("ports[0].keySet()", containsInAnyOrder("id", "mac_address"));
        neutron.get("/v2.0/ports?fixed_ips=bogus").then().statusCode(400);
        new Neutron(keys.service()).get("/v2.0/ports?security_groups=" + group).then().statusCode(200)
                .body("ports.id", contains(first))
                .body("ports[0].keySet()", hasItem("binding:host_id"));
        neutron.get("/v2.0/ports?network_id=" + network).then().body("ports[0].keySet()",
                not(hasItem("binding:host_id")));
    }
}
