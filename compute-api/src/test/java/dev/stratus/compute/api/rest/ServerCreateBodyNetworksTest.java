package dev.stratus.compute.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerCreateRequest;
import org.junit.jupiter.api.Test;

/** How {@code networks} of a create request turns into a mode, per microversion, as Nova reads it. */
class ServerCreateBodyNetworksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerCreateRequest parse(String networks, String version) throws Exception {
        JsonNode body = JSON.readTree("{\"server\":{\"name\":\"vm\",\"imageRef\":\"" + java.util.UUID.randomUUID()
                + "\",\"flavorRef\":\"1\"" + (networks == null ? "" : ",\"networks\":" + networks) + "}}");
        return ServerCreateBody.parse(body, ApiVersion.parse(version));
    }

    @Test
    void absentBelow237IsNotAutoAllocation() throws Exception {
        ServerCreateRequest request = parse(null, "2.1");
        assertNull(request.networksMode(), "no networks below 2.37: the project's one network or no NIC");
        assertTrue(request.networks().isEmpty());
        assertNull(parse(null, "2.36").networksMode());
    }

    @Test
    void absentFrom237IsRequired() {
        ApiException e = assertThrows(ApiException.class, () -> parse(null, "2.37"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'networks' is a required property"), e.getMessage());
    }

    @Test
    void autoAndNoneFrom237() throws Exception {
        assertEquals("auto", parse("\"auto\"", "2.37").networksMode());
        assertEquals("none", parse("\"none\"", "2.90").networksMode());
        ApiException e = assertThrows(ApiException.class, () -> parse("\"auto\"", "2.36"));
        assertEquals(400, e.status());
    }

    @Test
    void explicitNetworksHaveNoMode() throws Exception {
        String net = java.util.UUID.randomUUID().toString();
        ServerCreateRequest request = parse("[{\"uuid\":\"" + net + "\"}]", "2.1");
        assertNull(request.networksMode());
        assertEquals(net, request.networks().get(0).networkId());
    }
}
