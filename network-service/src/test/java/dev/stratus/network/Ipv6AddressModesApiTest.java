package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Neutron's IPv6 address modes: SLAAC and DHCPv6-stateless subnets give ports the EUI-64 address of their MAC
 * (expected values from oslo.utils' get_ipv6_addr_by_EUI64, as Tempest's test_dhcp_ipv6 computes them),
 * DHCPv6-stateful and mode-less subnets allocate from their pools.
 */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class Ipv6AddressModesApiTest {

    private static final String MAC = "fa:16:3e:12:34:56";
    private static final String MAC_EUI = "f816:3eff:fe12:3456";

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("ipv6-user", "ipv6-project"));
    }

    private static String v6Subnet(Neutron neutron, String network, String cidr, String raMode, String addressMode) {
        return neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":6,\"cidr\":\"" + cidr + "\""
                + (raMode == null ? "" : ",\"ipv6_ra_mode\":\"" + raMode + "\"")
                + (addressMode == null ? "" : ",\"ipv6_address_mode\":\"" + addressMode + "\"") + "}").getString("id");
    }

    private static JsonPath portWithMac(Neutron neutron, String network, String mac, String more) {
        return neutron.port("{\"network_id\":\"" + network + "\",\"mac_address\":\"" + mac + "\"" + more + "}");
    }

    @Test
    void slaacAndStatelessPortsGetTheirEui64AddressWhicheverModeSaysSo() {
        Neutron neutron = member();
        String[][] modes = {{"slaac", "slaac"}, {"dhcpv6-stateless", "dhcpv6-stateless"}, {null, "slaac"},
                {null, "dhcpv6-stateless"}, {"slaac", null}, {"dhcpv6-stateless", null}};
        for (String[] mode : modes) {
            String network = neutron.network("v6-auto", false);
            String subnet = v6Subnet(neutron, network, "2001:db8:10::/64", mode[0], mode[1]);
            JsonPath port = portWithMac(neutron, network, MAC, "");
            assertEquals(List.of(Map.of("subnet_id", subnet, "ip_address", "2001:db8:10:0:" + MAC_EUI)),
                    port.getList("fixed_ips"), mode[0] + "/" + mode[1]);
            // the DHCP port's address too is its MAC's
            JsonPath dhcp = neutron.get("/v2.0/ports?device_owner=network:dhcp&network_id=" + network).jsonPath();
            String dhcpMac = dhcp.getString("ports[0].mac_address");
            assertEquals(eui(dhcpMac, "2001:db8:10:0:"), dhcp.getString("ports[0].fixed_ips[0].ip_address"));
        }
    }

    @Test
    void noModeAndStatefulSubnetsAllocateFromThePool() {
        Neutron neutron = member();
        String[][] modes = {{null, null}, {"dhcpv6-stateful", "dhcpv6-stateful"}, {"dhcpv6-stateful", null},
                {null, "dhcpv6-stateful"}};
        for (String[] mode : modes) {
            String network = neutron.network("v6-pool", false);
            String subnet = v6Subnet(neutron, network, "2001:db8:20::/64", mode[0], mode[1]);
            JsonPath port = portWithMac(neutron, network, MAC, "");
            // the DHCP port holds ::2
            assertEquals(List.of(Map.of("subnet_id", subnet, "ip_address", "2001:db8:20::3")), port.getList("fixed_ips"),
                    mode[0] + "/" + mode[1]);
        }
    }

    @Test
    void statefulSubnetsTakeAskedForAddressesInThePoolOnlyAndEachOnce() {
        Neutron neutron = member();
        String network = neutron.network("v6-stateful", false);
        String subnet = v6Subnet(neutron, network, "2001:db8:21::/64", "dhcpv6-stateful", "dhcpv6-stateful");
        JsonPath port = neutron.port("{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\"" + subnet
                + "\",\"ip_address\":\"2001:db8:21::77\"}]}");
        assertEquals("2001:db8:21::77", port.getString("fixed_ips[0].ip_address"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + subnet + "\",\"ip_address\":\"2001:db8:21::77\"}]}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("IpAddressAlreadyAllocated"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + subnet + "\",\"ip_address\":\"2001:db8:22::5\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("InvalidIpForSubnet"));
    }

    @Test
    void anAddressCannotBeAskedForOnAnAutoAddressSubnetButTheSubnetCanBeNamed() {
        Neutron neutron = member();
        String network = neutron.network("v6-explicit", false);
        String subnet = v6Subnet(neutron, network, "2001:db8:30::/64", "slaac", "slaac");
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + subnet + "\",\"ip_address\":\"2001:db8:30::99\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("AllocationOnAutoAddressSubnet"))
                .body("NeutronError.message", equalTo("IPv6 address 2001:db8:30::99 cannot be directly assigned to a "
                        + "port on subnet " + subnet + " as the subnet is configured for automatic addresses"));
        neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"fixed_ips\":[{"
                + "\"ip_address\":\"2001:db8:30::99\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("AllocationOnAutoAddressSubnet"));
        JsonPath named = portWithMac(neutron, network, MAC, ",\"fixed_ips\":[{\"subnet_id\":\"" + subnet + "\"}]");
        assertEquals(List.of(Map.of("subnet_id", subnet, "ip_address", "2001:db8:30:0:" + MAC_EUI)),
                named.getList("fixed_ips"));
        // an update may name the address the port holds, not another one
        String id = named.getString("id");
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"" + subnet
                + "\",\"ip_address\":\"2001:db8:30:0:" + MAC_EUI + "\"}]}}").then().statusCode(200)
                .body("port.fixed_ips[0].ip_address", equalTo("2001:db8:30:0:" + MAC_EUI));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"" + subnet
                + "\",\"ip_address\":\"2001:db8:30::5\"}]}}").then().statusCode(400)
                .body("NeutronError.type", equalTo("AllocationOnAutoAddressSubnet"));
    }

    @Test
    void portsNamingOnlyTheirV4SubnetStillGetTheSlaacAddressAndKeepItOnUpdate() {
        Neutron neutron = member();
        String network = neutron.network("v6-dual", false);
        String v4 = neutron.subnet(network, "10.60.0.0/24");
        String v6 = v6Subnet(neutron, network, "2001:db8:40::/64", "slaac", "slaac");
        JsonPath port = portWithMac(neutron, network, MAC, ",\"fixed_ips\":[{\"subnet_id\":\"" + v4 + "\"}]");
        List<Map<String, String>> both = List.of(Map.of("subnet_id", v4, "ip_address", "10.60.0.3"),
                Map.of("subnet_id", v6, "ip_address", "2001:db8:40:0:" + MAC_EUI));
        assertEquals(both, port.getList("fixed_ips"));
        JsonPath automatic = portWithMac(neutron, network, "fa:16:3e:ab:cd:ef", "");
        assertEquals(List.of(Map.of("subnet_id", v4, "ip_address", "10.60.0.4"),
                Map.of("subnet_id", v6, "ip_address", "2001:db8:40:0:f816:3eff:feab:cdef")),
                automatic.getList("fixed_ips"));
        // fixed_ips=[] still gets the SLAAC address, as in Neutron
        JsonPath none = portWithMac(neutron, network, "fa:16:3e:00:00:01", ",\"fixed_ips\":[]");
        assertEquals(List.of(Map.of("subnet_id", v6, "ip_address", "2001:db8:40:0:f816:3eff:fe00:1")),
                none.getList("fixed_ips"));
        // an update naming only another IPv4 address leaves the SLAAC one alone
        neutron.put("/v2.0/ports/" + port.getString("id"), "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"" + v4
                + "\",\"ip_address\":\"10.60.0.50\"}]}}").then().statusCode(200)
                .body("port.fixed_ips", containsInAnyOrder(Map.of("subnet_id", v4, "ip_address", "10.60.0.50"),
                        Map.of("subnet_id", v6, "ip_address", "2001:db8:40:0:" + MAC_EUI)));
    }

    @Test
    void statefulAndSlaacSubnetsTogetherGiveOneAddressOfEachInEitherOrder() {
        Neutron neutron = member();
        for (boolean slaacFirst : new boolean[] {true, false}) {
            String network = neutron.network("v6-two", false);
            String slaac = slaacFirst ? v6Subnet(neutron, network, "2001:db8:50::/64", "slaac", "slaac") : null;
            String stateful = v6Subnet(neutron, network, "2001:db8:51::/64", null, "dhcpv6-stateful");
            if (!slaacFirst) {
                slaac = v6Subnet(neutron, network, "2001:db8:50::/64", "dhcpv6-stateless", "dhcpv6-stateless");
            }
            JsonPath port = portWithMac(neutron, network, MAC, "");
            // listed by address, as Neutron lists them
            assertEquals(List.of(Map.of("subnet_id", slaac, "ip_address", "2001:db8:50:0:" + MAC_EUI),
                    Map.of("subnet_id", stateful, "ip_address", "2001:db8:51::3")), port.getList("fixed_ips"));
        }
    }

    @Test
    void aNewMacGivesANewEui64Address() {
        Neutron neutron = member();
        String network = neutron.network("v6-mac", false);
        String v4 = neutron.subnet(network, "10.61.0.0/24");
        String v6 = v6Subnet(neutron, network, "2001:db8:60::/64", "dhcpv6-stateless", "dhcpv6-stateless");
        String port = portWithMac(neutron, network, MAC, "").getString("id");
        Neutron admin = new Neutron(keys.admin());
        admin.put("/v2.0/ports/" + port, "{\"port\":{\"mac_address\":\"fa:16:3e:ab:cd:ef\"}}").then().statusCode(200)
                .body("port.mac_address", equalTo("fa:16:3e:ab:cd:ef"))
                .body("port.fixed_ips", containsInAnyOrder(Map.of("subnet_id", v4, "ip_address", "10.61.0.3"),
                        Map.of("subnet_id", v6, "ip_address", "2001:db8:60:0:f816:3eff:feab:cdef")));
        // the old address is free again: a port with the old MAC gets it
        JsonPath other = portWithMac(neutron, network, MAC, ",\"fixed_ips\":[]");
        assertEquals("2001:db8:60:0:" + MAC_EUI, other.getString("fixed_ips[0].ip_address"));
    }

    @Test
    void slaacSubnetsComeToAndGoFromExistingPortsButNotRouterInterfaces() {
        Neutron neutron = member();
        String network = neutron.network("v6-later", false);
        String v4 = neutron.subnet(network, "10.62.0.0/24");
        String port = portWithMac(neutron, network, MAC, "").getString("id");
        String router = neutron.router("{\"name\":\"v6-later\"}").getString("id");
        String stateful = v6Subnet(neutron, network, "2001:db8:71::/64", "dhcpv6-stateful", "dhcpv6-stateful");
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\":\"" + stateful + "\"}").then()
                .statusCode(200);
        String slaac = v6Subnet(neutron, network, "2001:db8:70::/64", "slaac", "slaac");
        neutron.get("/v2.0/ports/" + port).then().statusCode(200).body("port.fixed_ips", contains(
                Map.of("subnet_id", v4, "ip_address", "10.62.0.3"),
                Map.of("subnet_id", slaac, "ip_address", "2001:db8:70:0:" + MAC_EUI)));
        JsonPath dhcp = neutron.get("/v2.0/ports?device_owner=network:dhcp&network_id=" + network).jsonPath();
        assertEquals(List.of(v4, slaac, stateful), dhcp.getList("ports[0].fixed_ips.subnet_id"));
        assertEquals(eui(dhcp.getString("ports[0].mac_address"), "2001:db8:70:0:"),
                dhcp.getString("ports[0].fixed_ips[1].ip_address"));
        neutron.get("/v2.0/ports?device_owner=network:router_interface&network_id=" + network).then()
                .body("ports[0].fixed_ips", contains(Map.of("subnet_id", stateful, "ip_address", "2001:db8:71::1")));

        // a router interface on the SLAAC subnet holds its gateway and keeps the subnet from going
        neutron.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\":\"" + slaac + "\"}").then()
                .statusCode(200);
        neutron.get("/v2.0/ports?device_owner=network:router_interface&network_id=" + network).then()
                .body("ports.fixed_ips.flatten().ip_address", containsInAnyOrder("2001:db8:71::1", "2001:db8:70::1"));
        neutron.delete("/v2.0/subnets/" + slaac).then().statusCode(409)
                .body("NeutronError.type", equalTo("SubnetInUse"));
        neutron.put("/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\":\"" + slaac + "\"}").then()
                .statusCode(200);
        neutron.delete("/v2.0/subnets/" + slaac).then().statusCode(204);
        neutron.get("/v2.0/ports/" + port).then().body("port.fixed_ips",
                contains(Map.of("subnet_id", v4, "ip_address", "10.62.0.3")));
        neutron.get("/v2.0/ports?device_owner=network:dhcp&network_id=" + network).then()
                .body("ports[0].fixed_ips.subnet_id", contains(v4, stateful));
    }

    @Test
    void aPortOnlyOnASlaacSubnetKeepsTheNetworkFromGoingAfterTheSubnetWent() {
        Neutron neutron = member();
        String network = neutron.network("v6-go", false);
        String subnet = v6Subnet(neutron, network, "2001:db8:80::/64", "dhcpv6-stateless", "dhcpv6-stateless");
        String port = portWithMac(neutron, network, MAC, "").getString("id");
        neutron.delete("/v2.0/subnets/" + subnet).then().statusCode(204);
        neutron.get("/v2.0/ports/" + port).then().body("port.fixed_ips", empty());
        neutron.delete("/v2.0/networks/" + network).then().statusCode(409)
                .body("NeutronError.message", equalTo("Unable to complete operation on network " + network
                        + ". There are one or more ports still in use on the network."));
    }

    /** The EUI-64 interface identifier of {@code mac} after {@code prefix} (its first four groups and a colon). */
    private static String eui(String mac, String prefix) {
        String[] o = mac.split(":");
        int first = Integer.parseInt(o[0], 16) ^ 0x02;
        return prefix + Integer.toHexString(first << 8 | Integer.parseInt(o[1], 16)) + ":"
                + Integer.toHexString(Integer.parseInt(o[2], 16) << 8 | 0xff) + ":"
                + Integer.toHexString(0xfe00 | Integer.parseInt(o[3], 16)) + ":"
                + Integer.toHexString(Integer.parseInt(o[4] + o[5], 16));
    }
}
