package dev.stratus.compute.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Neutron floating IP as Nova's os-floating-ips shows it, and an external network as a pool. */
class FloatingIpViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIP = "2f245a7b-796b-4f26-9cf9-9e82d248fda7";
    private static final String NET = "b7cc3b5f-1e44-4d1c-bd5d-2d6b7d2d34a0";
    private static final String SERVER = "6a8d1a5e-8c3a-4a3e-9f7c-1d0f8e6e2b11";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void associatedFloatingIpNamesItsServerAndPool() throws Exception {
        JsonNode fip = json("{'id':'" + FIP + "','floating_ip_address':'172.24.4.10','fixed_ip_address':'10.0.0.5',"
                + "'floating_network_id':'" + NET + "','port_id':'p1','status':'ACTIVE',"
                + "'port_details':{'device_id':'" + SERVER + "','device_owner':'compute:nova'}}");
        Map<String, Object> view = FloatingIpView.of(fip, json("{'id':'" + NET + "','name':'public'}"));
        assertEquals(List.of("fixed_ip", "id", "instance_id", "ip", "pool"), List.copyOf(view.keySet()));
        assertEquals("10.0.0.5", view.get("fixed_ip"));
        assertEquals(FIP, view.get("id"));
        assertEquals(SERVER, view.get("instance_id"));
        assertEquals("172.24.4.10", view.get("ip"));
        assertEquals("public", view.get("pool"));
    }

    @Test
    void freeFloatingIpHasNoServerNorFixedIp() throws Exception {
        JsonNode fip = json("{'id':'" + FIP + "','floating_ip_address':'172.24.4.11','fixed_ip_address':null,"
                + "'floating_network_id':'" + NET + "','port_id':null,'port_details':null}");
        Map<String, Object> view = FloatingIpView.of(fip, json("{'id':'" + NET + "','name':'public'}"));
        assertNull(view.get("fixed_ip"));
        assertNull(view.get("instance_id"));
        assertEquals("172.24.4.11", view.get("ip"));
    }

    @Test
    void poolIsTheNetworkIdWhenItHasNoNameOrIsUnseen() throws Exception {
        JsonNode fip = json("{'id':'" + FIP + "','floating_ip_address':'172.24.4.12','floating_network_id':'" + NET
                + "'}");
        assertEquals(NET, FloatingIpView.of(fip, json("{'id':'" + NET + "','name':''}")).get("pool"));
        assertEquals(NET, FloatingIpView.of(fip, null).get("pool"));
        assertNull(FloatingIpView.of(fip, null).get("instance_id"), "no port_details: bound to nothing");
    }

    @Test
    void poolsAreNamedByNameElseId() throws Exception {
        assertEquals(Map.of("name", "public"), FloatingIpView.pool(json("{'id':'" + NET + "','name':'public'}")));
        assertEquals(Map.of("name", NET), FloatingIpView.pool(json("{'id':'" + NET + "','name':''}")));
    }
}
