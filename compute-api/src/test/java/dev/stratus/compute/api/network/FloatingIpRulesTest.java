package dev.stratus.compute.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.service.FloatingIps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Nova's reading of network-service's answers for the floating-IP proxy, without any HTTP. */
class FloatingIpRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NET = "b7cc3b5f-1e44-4d1c-bd5d-2d6b7d2d34a0";
    private static final String SERVER = "6a8d1a5e-8c3a-4a3e-9f7c-1d0f8e6e2b11";
    private static final String FIP = "172.24.4.10";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static ApiException refused(Executable call) {
        return assertThrows(ApiException.class, call);
    }

    @Test
    void poolsAreLookedUpByIdOrName() {
        assertEquals(Map.of("router:external", List.of("true")), FloatingIpRules.externalNetworks(null));
        assertEquals(Map.of("router:external", List.of("true"), "id", List.of(NET)),
                FloatingIpRules.externalNetworks(NET));
        assertEquals(Map.of("router:external", List.of("true"), "name", List.of("public")),
                FloatingIpRules.externalNetworks("public"));
    }

    @Test
    void aPoolNamesExactlyOneExternalNetwork() throws Exception {
        JsonNode pub = json("{'id':'" + NET + "','name':'public'}");
        assertEquals(pub, FloatingIpRules.pool(List.of(pub), "public"));
        ApiException none = refused(() -> FloatingIpRules.pool(List.of(), "non_exist_pool"));
        assertEquals(404, none.status());
        assertEquals("Floating IP pool not found.", none.getMessage());
        ApiException several = refused(() -> FloatingIpRules.pool(List.of(pub, pub), "public"));
        assertEquals(409, several.status());
        assertEquals("Multiple floating IP pools matches found for name 'public'", several.getMessage());
    }

    @Test
    void theDefaultPoolIsTheOneExternalNetwork() throws Exception {
        JsonNode pub = json("{'id':'" + NET + "','name':'public'}");
        assertEquals(pub, FloatingIpRules.defaultPool(List.of(pub)));
        assertEquals(404, refused(() -> FloatingIpRules.defaultPool(List.of())).status());
        assertEquals("Floating IP pool not found.",
                refused(() -> FloatingIpRules.defaultPool(List.of(pub, pub))).getMessage());
    }

    @Test
    void allocationFailuresInNovasWords() {
        NetworkServiceException exhausted = new NetworkServiceException(409, "IpAddressGenerationFailure",
                "No more IP addresses available on network " + NET + ".");
        ApiException e = FloatingIpRules.allocationFailed(exhausted, "public");
        assertEquals(404, e.status());
        assertEquals("No more floating IPs in pool public.", e.getMessage());
        NetworkServiceException external = new NetworkServiceException(400, "ExternalIpAddressExhausted", "x");
        assertEquals("No more floating IPs available.", FloatingIpRules.allocationFailed(external, null).getMessage());
        NetworkServiceException quota = new NetworkServiceException(409, "OverQuota",
                "Quota exceeded for resources: ['floatingip'].");
        assertEquals(403, FloatingIpRules.allocationFailed(quota, "public").status());
        assertEquals("IP allocation over quota in pool public.",
                FloatingIpRules.allocationFailed(quota, "public").getMessage());
        assertEquals("IP allocation over quota.", FloatingIpRules.allocationFailed(quota, "").getMessage());
        NetworkServiceException bad = new NetworkServiceException(400, "BadRequest",
                "Network " + NET + " does not contain any IPv4 subnet");
        assertEquals(400, FloatingIpRules.allocationFailed(bad, "public").status());
        assertEquals(bad.getMessage(), FloatingIpRules.allocationFailed(bad, "public").getMessage());
        NetworkServiceException down = new NetworkServiceException("network-service unreachable", null);
        assertEquals(503, FloatingIpRules.allocationFailed(down, "public").status());
    }

    @Test
    void thePortOfTheServerThatHoldsTheFixedIp() throws Exception {
        List<JsonNode> ports = List.of(
                json("{'id':'p0','device_id':'" + SERVER + "','fixed_ips':[{'ip_address':'fd00::5'}]}"),
                json("{'id':'p1','device_id':'" + SERVER + "','fixed_ips':[{'ip_address':'10.0.0.5'},"
                        + "{'ip_address':'10.0.0.6'}]}"));
        assertEquals("p1", FloatingIpRules.portHolding(ports, "10.0.0.6", FIP, SERVER));
        assertEquals("p0", FloatingIpRules.portHolding(ports, "fd00::5", FIP, SERVER));
        ApiException e = refused(() -> FloatingIpRules.portHolding(ports, "10.0.0.9", FIP, SERVER));
        assertEquals(400, e.status());
        assertEquals("Unable to associate floating IP " + FIP + " to fixed IP 10.0.0.9 for instance " + SERVER
                + ". Error: Fixed IP not found for address 10.0.0.9.", e.getMessage());
    }

    @Test
    void theFloatingIpToAssociate() throws Exception {
        JsonNode fip = json("{'id':'f1','floating_ip_address':'" + FIP + "'}");
        assertEquals(fip, FloatingIpRules.toAssociate(List.of(fip), FIP, "10.0.0.5", SERVER));
        ApiException none = refused(() -> FloatingIpRules.toAssociate(List.of(), "0.0.0.0", "10.0.0.5", SERVER));
        assertEquals(404, none.status());
        assertEquals("floating IP not found", none.getMessage());
        ApiException several = refused(() -> FloatingIpRules.toAssociate(List.of(fip, fip), FIP, "10.0.0.5",
                SERVER));
        assertEquals(400, several.status());
        assertEquals("Unable to associate floating IP " + FIP + " to fixed IP 10.0.0.5 for instance " + SERVER
                + ". Error: Multiple floating IPs are found for address " + FIP + ".", several.getMessage());
    }

    @Test
    void theFloatingIpToRemove() throws Exception {
        JsonNode fip = json("{'id':'f1','floating_ip_address':'" + FIP + "'}");
        assertEquals(fip, FloatingIpRules.byAddress(List.of(fip), FIP));
        ApiException none = refused(() -> FloatingIpRules.byAddress(List.of(), "0.0.0.0"));
        assertEquals(404, none.status());
        assertEquals("Floating IP not found for address 0.0.0.0.", none.getMessage());
        assertEquals(409, refused(() -> FloatingIpRules.byAddress(List.of(fip, fip), FIP)).status());
    }

    @Test
    void associationRefusals() {
        NetworkServiceException taken = new NetworkServiceException(409, "FloatingIPPortAlreadyAssociated",
                "Cannot associate floating IP " + FIP + " (f1) with port p1 using fixed IP 10.0.0.5, as that fixed IP"
                        + " already has a floating IP on external network " + NET + ".");
        ApiException e = FloatingIpRules.associationFailed(taken, FIP, "10.0.0.5", SERVER);
        assertEquals(400, e.status());
        assertEquals(taken.getMessage(), e.getMessage());
        NetworkServiceException noRouter = new NetworkServiceException(404, "ExternalGatewayForFloatingIPNotFound",
                "External network " + NET + " is not reachable from subnet s1.");
        ApiException unreachable = FloatingIpRules.associationFailed(noRouter, FIP, "10.0.0.5", SERVER);
        assertEquals(400, unreachable.status());
        assertEquals("Unable to associate floating IP " + FIP + " to fixed IP 10.0.0.5 for instance " + SERVER
                + ". Error: " + noRouter.getMessage(), unreachable.getMessage());
        assertEquals(403, FloatingIpRules.associationFailed(new NetworkServiceException(403, "PolicyNotAuthorized",
                "denied"), FIP, "10.0.0.5", SERVER).status());
        assertEquals(503, FloatingIpRules.associationFailed(new NetworkServiceException(500, null, "boom"), FIP,
                "10.0.0.5", SERVER).status());
    }

    @Test
    void aFloatingIpIsBoundToTheDeviceOfItsPort() throws Exception {
        FloatingIps.Binding bound = FloatingIps.Binding.of(json("{'id':'f1','floating_ip_address':'" + FIP
                + "','port_id':'p1','port_details':{'device_id':'" + SERVER + "'}}"));
        assertEquals(new FloatingIps.Binding("f1", FIP, "p1", SERVER), bound);
        FloatingIps.Binding free = FloatingIps.Binding.of(json("{'id':'f1','floating_ip_address':'" + FIP
                + "','port_id':null,'port_details':null}"));
        assertNull(free.portId());
        assertNull(free.deviceId());
        assertNull(FloatingIps.Binding.of(json("{'id':'f1','port_id':'p1','port_details':{'device_id':''}}"))
                .deviceId(), "a port without a device belongs to no server");
    }
}
