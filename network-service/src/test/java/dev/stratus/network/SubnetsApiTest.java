package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
class SubnetsApiTest {

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("subnet-user", "subnet-project"));
    }

    @Test
    void defaultsAreTheWholeRangeLessNetworkBroadcastAndGatewayAndTheNetworkGetsADhcpPort() {
        Neutron neutron = member();
        String network = neutron.network("subnets-a", false);
        JsonPath subnet = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"10.20.0.0/24\","
                + "\"name\":\"s1\"}");
        String id = subnet.getString("id");
        neutron.get("/v2.0/subnets/" + id).then().statusCode(200)
                .body("subnet.keySet()", containsInAnyOrder("id", "name", "tenant_id", "project_id", "network_id",
                        "ip_version", "subnetpool_id", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode", "gateway_ip",
                        "cidr", "allocation_pools", "host_routes", "dns_nameservers", "description", "tags",
                        "created_at", "updated_at", "revision_number"))
                .body("subnet.cidr", equalTo("10.20.0.0/24"))
                .body("subnet.gateway_ip", equalTo("10.20.0.1"))
                .body("subnet.allocation_pools", contains(Map.of("start", "10.20.0.2", "end", "10.20.0.254")))
                .body("subnet.enable_dhcp", equalTo(true))
                .body("subnet.ip_version", equalTo(4))
                .body("subnet.subnetpool_id", nullValue())
                .body("subnet.host_routes", empty())
                .body("subnet.dns_nameservers", empty());
        neutron.get("/v2.0/networks/" + network).then().body("network.subnets", contains(id));
        neutron.get("/v2.0/ports?network_id=" + network).then().statusCode(200)
                .body("ports", hasSize(1))
                .body("ports[0].device_owner", equalTo("network:dhcp"))
                .body("ports[0].device_id", equalTo("dhcp" + network))
                .body("ports[0].status", equalTo("ACTIVE"))
                .body("ports[0].security_groups", empty())
                .body("ports[0].fixed_ips", contains(Map.of("subnet_id", id, "ip_address", "10.20.0.2")));

        String second = neutron.subnet(network, "10.21.0.0/24");
        neutron.get("/v2.0/ports?network_id=" + network + "&device_owner=network:dhcp").then()
                .body("ports", hasSize(1))
                .body("ports[0].fixed_ips.subnet_id", containsInAnyOrder(id, second));
        neutron.put("/v2.0/subnets/" + second, "{\"subnet\":{\"enable_dhcp\":false}}").then().statusCode(200)
                .body("subnet.enable_dhcp", equalTo(false));
        neutron.get("/v2.0/ports?network_id=" + network + "&device_owner=network:dhcp").then()
                .body("ports[0].fixed_ips.subnet_id", contains(id));
        neutron.delete("/v2.0/subnets/" + id).then().statusCode(204);
        neutron.get("/v2.0/ports?network_id=" + network).then().body("ports", empty());
    }

    @Test
    void givenAttributesAreKeptAndChecked() {
        Neutron neutron = member();
        String network = neutron.network("subnets-b", false);
        JsonPath subnet = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"10.30.0.0/24\","
                + "\"gateway_ip\":\"10.30.0.1\",\"allocation_pools\":[{\"start\":\"10.30.0.3\",\"end\":\"10.30.0.7\"}],"
                + "\"dns_nameservers\":[\"8.8.8.8\",\"8.8.4.4\"],\"host_routes\":[{\"destination\":\"10.20.0.0/32\","
                + "\"nexthop\":\"10.100.1.1\"}],\"enable_dhcp\":false}");
        String id = subnet.getString("id");
        neutron.get("/v2.0/subnets/" + id).then()
                .body("subnet.allocation_pools", contains(Map.of("start", "10.30.0.3", "end", "10.30.0.7")))
                .body("subnet.dns_nameservers", contains("8.8.8.8", "8.8.4.4"))
                .body("subnet.host_routes", contains(Map.of("destination", "10.20.0.0/32", "nexthop", "10.100.1.1")))
                .body("subnet.enable_dhcp", equalTo(false));
        neutron.get("/v2.0/ports?network_id=" + network).then().body("ports", empty());
        neutron.put("/v2.0/subnets/" + id, "{\"subnet\":{\"gateway_ip\":\"10.30.0.2\",\"dns_nameservers\":[\"7.8.8.8\"],"
                + "\"host_routes\":[],\"name\":\"renamed\"}}").then().statusCode(200)
                .body("subnet.gateway_ip", equalTo("10.30.0.2"))
                .body("subnet.dns_nameservers", contains("7.8.8.8"))
                .body("subnet.host_routes", empty())
                .body("subnet.name", equalTo("renamed"));
        neutron.put("/v2.0/subnets/" + id, "{\"subnet\":{\"gateway_ip\":\"10.30.0.5\"}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("GatewayConflictWithAllocationPools"))
                .body("NeutronError.message", equalTo("Gateway ip 10.30.0.5 conflicts with allocation pool "
                        + "10.30.0.3-10.30.0.7."));
        neutron.put("/v2.0/subnets/" + id, "{\"subnet\":{\"gateway_ip\":null}}").then().statusCode(200)
                .body("subnet.gateway_ip", nullValue());
        neutron.put("/v2.0/subnets/" + id, "{\"subnet\":{\"cidr\":\"10.31.0.0/24\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Cannot update read-only attribute cidr"));
        String noGateway = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"10.32.0.0/28\","
                + "\"gateway_ip\":null}").getString("id");
        neutron.get("/v2.0/subnets/" + noGateway).then().body("subnet.gateway_ip", nullValue())
                .body("subnet.allocation_pools", contains(Map.of("start", "10.32.0.1", "end", "10.32.0.14")));
        JsonPath hostBits = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"10.33.0.9/24\"}");
        org.junit.jupiter.api.Assertions.assertEquals("10.33.0.0/24", hostBits.getString("cidr"));
    }

    @Test
    void badSubnetsAre400Or409WithNeutronsReasons() {
        Neutron neutron = member();
        String network = neutron.network("subnets-c", false);
        neutron.subnet(network, "10.40.0.0/24");
        String base = "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":4,";
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.40.0.128/25\"}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidInput"))
                .body("NeutronError.message", equalTo("Invalid input for operation: Requested subnet with cidr: "
                        + "10.40.0.128/25 for network: " + network + " overlaps with another subnet."));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.41.0.0/33\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for cidr. Reason: '10.41.0.0/33' is not a valid IP "
                        + "subnet."));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"2001:db8::/64\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for operation: cidr '2001:db8::/64' does not match "
                        + "the ip_version '4'."));
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":5,"
                + "\"cidr\":\"10.42.0.0/24\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for ip_version. Reason: 5 is not in [4, 6]."));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"allocation_pools\":[{\"start\":\"10.43.0.5\","
                + "\"end\":\"10.44.0.5\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("OutOfBoundsAllocationPool"));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"allocation_pools\":[{\"start\":\"10.43.0.5\","
                + "\"end\":\"10.43.0.20\"},{\"start\":\"10.43.0.10\",\"end\":\"10.43.0.30\"}]}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("OverlappingAllocationPools"));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"allocation_pools\":[{\"start\":\"10.43.0.1\","
                + "\"end\":\"10.43.0.20\"}]}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("GatewayConflictWithAllocationPools"));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"gateway_ip\":\"10.43.0.255\"}}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Invalid input for operation: Gateway is not "
                        + "valid on subnet."));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/31\"}}").then().statusCode(400)
                .body("NeutronError.message", startsWith("Invalid input for operation: Subnet has a prefix length"));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"ipv6_ra_mode\":\"slaac\"}}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Invalid input for operation: ipv6_ra_mode is not "
                        + "valid when ip_version is 4."));
        neutron.post("/v2.0/subnets", base + "\"cidr\":\"10.43.0.0/24\",\"dns_nameservers\":[\"8.8.8.8\",\"8.8.8.8\"]}}")
                .then().statusCode(400).body("NeutronError.message", equalTo("Invalid input for dns_nameservers. Reason:"
                        + " Duplicate nameserver '8.8.8.8'."));
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"cidr\":\"10.45.0.0/24\"}}")
                .then().statusCode(400).body("NeutronError.message", equalTo("Failed to parse request. Required "
                        + "attribute 'ip_version' not specified"));
        neutron.post("/v2.0/subnets", base + "\"gateway_ip\":\"10.0.0.1\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Bad subnets request: A cidr must be specified in the absence of a "
                        + "subnet pool."));
        String missing = UUID.randomUUID().toString();
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + missing + "\",\"ip_version\":4,"
                + "\"cidr\":\"10.46.0.0/24\"}}").then().statusCode(404)
                .body("NeutronError.message", equalTo("Network " + missing + " could not be found."));
        neutron.get("/v2.0/subnets/" + missing).then().statusCode(404).body("NeutronError.type",
                equalTo("SubnetNotFound"));
        neutron.put("/v2.0/subnets/" + missing, "{\"subnet\":{\"name\":\"x\"}}").then().statusCode(404);
        neutron.delete("/v2.0/subnets/" + missing).then().statusCode(404);
    }

    @Test
    void aSubnetWithPortAddressesCannotGo() {
        Neutron neutron = member();
        String network = neutron.network("subnets-d", false);
        String subnet = neutron.subnet(network, "10.50.0.0/24");
        String port = neutron.portOn(network).getString("id");
        neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(409)
                .body("NeutronError.type", equalTo("SubnetInUse"))
                .body("NeutronError.message", equalTo("Unable to complete operation on subnet " + subnet + ": One or more"
                        + " ports have an IP allocation from this subnet."));
        neutron.delete("/v2.0/ports/" + port).then().statusCode(204);
        neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(204);
    }

    @Test
    void ipv6ModesAreCheckedAndKept() {
        Neutron neutron = member();
        String network = neutron.network("subnets-v6", false);
        JsonPath subnet = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                + "\"cidr\":\"2001:db8:1::/64\",\"ipv6_ra_mode\":\"slaac\",\"ipv6_address_mode\":\"slaac\"}");
        org.junit.jupiter.api.Assertions.assertEquals("2001:db8:1::1", subnet.getString("gateway_ip"));
        org.junit.jupiter.api.Assertions.assertEquals("slaac", subnet.getString("ipv6_ra_mode"));
        org.junit.jupiter.api.Assertions.assertEquals("slaac", subnet.getString("ipv6_address_mode"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(Map.of("start", "2001:db8:1::2",
                "end", "2001:db8:1:0:ffff:ffff:ffff:ffff")), subnet.getList("allocation_pools"));
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                + "\"cidr\":\"2001:db8:2::/80\",\"ipv6_address_mode\":\"slaac\"}}").then().statusCode(400)
                .body("NeutronError.message", startsWith("Invalid input for operation: Invalid CIDR 2001:db8:2::/80 for "
                        + "IPv6 address mode."));
        neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                + "\"cidr\":\"2001:db8:2::/80\",\"ipv6_ra_mode\":\"dhcpv6-stateless\"}}").then().statusCode(400)
                .body("NeutronError.message", startsWith("Invalid input for operation: Invalid CIDR 2001:db8:2::/80 for "
                        + "IPv6 address mode."));
        for (String[] modes : new String[][] {{"slaac", "dhcpv6-stateful"}, {"dhcpv6-stateless", "slaac"},
                {"dhcpv6-stateful", "dhcpv6-stateless"}}) {
            neutron.post("/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network + "\",\"ip_version\":6,"
                    + "\"cidr\":\"2001:db8:3::/64\",\"ipv6_ra_mode\":\"" + modes[0] + "\",\"ipv6_address_mode\":\""
                    + modes[1] + "\"}}").then().statusCode(400).body("NeutronError.message", equalTo(
                            "Invalid input for operation: ipv6_ra_mode set to '" + modes[0] + "' with ipv6_address_mode"
                            + " set to '" + modes[1] + "' is not valid. If both attributes are set, they must be the "
                            + "same value."));
        }
    }
}
