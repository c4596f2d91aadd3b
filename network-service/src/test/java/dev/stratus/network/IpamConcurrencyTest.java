package dev.stratus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 64 ports created at once on a /28 (16 addresses: network, broadcast and gateway leave 13 in the pool). With
 * DHCP on, the network's DHCP port holds one of them first (in Neutron the DHCP agent's port does too, as soon as
 * the agent serves the subnet; here it is made with the subnet), so 12 ports get one; without DHCP, 13. Every
 * address is handed out once, and every other request is Neutron's 409.
 */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class IpamConcurrencyTest {

    @Inject
    NetworkTestKeys keys;

    @Test
    void sixtyFourParallelPortsOnASlash28WithDhcpGetTwelveDistinctAddresses() throws Exception {
        assertAllocations(true, 12);
    }

    @Test
    void withoutDhcpThePoolsThirteenAddressesGoToPorts() throws Exception {
        assertAllocations(false, 13);
    }

    private void assertAllocations(boolean dhcp, int expected) throws Exception {
        Neutron neutron = new Neutron(keys.member("ipam-user", "ipam-project-" + dhcp));
        String network = neutron.network("ipam-" + dhcp, false);
        String subnet = neutron.subnet("{\"network_id\":\"" + network + "\",\"ip_version\":4,\"cidr\":\"10.99.0.0/28\","
                + "\"enable_dhcp\":" + dhcp + "}").getString("id");
        String body = "{\"port\":{\"network_id\":\"" + network + "\"}}";
        List<Response> answers = Parallel.run(64, () -> neutron.post("/v2.0/ports", body));

        Set<String> addresses = new HashSet<>();
        int created = 0;
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                created++;
                List<String> ips = r.jsonPath().getList("port.fixed_ips.ip_address");
                assertEquals(1, ips.size());
                assertTrue(addresses.add(ips.get(0)), "address handed out twice: " + ips.get(0));
                assertEquals(subnet, r.jsonPath().getString("port.fixed_ips[0].subnet_id"));
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("IpAddressGenerationFailure", r.jsonPath().getString("NeutronError.type"));
                assertEquals("No more IP addresses available on network " + network + ".",
                        r.jsonPath().getString("NeutronError.message"));
            }
        }
        assertEquals(expected, created, "ports created");
        assertEquals(expected, addresses.size());
        for (String address : addresses) {
            int last = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
            assertTrue(last >= 2 && last <= 14, address + " is outside the pool");
        }
        List<String> stored = neutron.get("/v2.0/ports?network_id=" + network).jsonPath()
                .getList("ports.findAll { it.device_owner == '' }.collect { it.fixed_ips[0].ip_address }");
        assertEquals(addresses, new HashSet<>(stored), "what was answered is what is stored");
        // a freed address is handed out again
        String any = neutron.get("/v2.0/ports?network_id=" + network).jsonPath()
                .getString("ports.find { it.device_owner == '' }.id");
        String freed = neutron.get("/v2.0/ports/" + any).jsonPath().getString("port.fixed_ips[0].ip_address");
        neutron.delete("/v2.0/ports/" + any).then().statusCode(204);
        assertEquals(freed, neutron.portOn(network).getString("fixed_ips[0].ip_address"));
    }
}
