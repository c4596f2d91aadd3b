package dev.stratus.compute.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The floating-IP proxy's bodies as Nova's schemas (schemas/floating_ips.py) take them, with Nova's 400s. */
class FloatingIpBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String badRequest(Executable parse) {
        ApiException e = assertThrows(ApiException.class, parse);
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void createBodyIsOptionalAndPoolMayBeNull() throws Exception {
        assertNull(FloatingIpBodies.pool(null));
        assertNull(FloatingIpBodies.pool(json("null")));
        assertNull(FloatingIpBodies.pool(json("{}")));
        assertNull(FloatingIpBodies.pool(json("{'pool':null}")));
        assertEquals("public", FloatingIpBodies.pool(json("{'pool':'public'}")));
        assertEquals("", FloatingIpBodies.pool(json("{'pool':''}")), "Nova reads an empty pool as the default one");
        assertEquals("public", FloatingIpBodies.pool(json("{'pool':'public','other':1}")),
                "the create schema allows other properties");
    }

    @Test
    void createRefusesAPoolThatIsNotAString() throws Exception {
        assertEquals("Invalid input for field/attribute pool. Value: 5. 5 is not of type 'string', 'null'",
                badRequest(() -> FloatingIpBodies.pool(json("{'pool':5}"))));
        assertEquals("[] is not of type 'object', 'null'", badRequest(() -> FloatingIpBodies.pool(json("[]"))));
    }

    @Test
    void addTakesAnAddressAndAnOptionalFixedAddress() throws Exception {
        assertEquals(new FloatingIpBodies.Add("172.24.4.10", null),
                FloatingIpBodies.add(json("{'address':'172.24.4.10'}")));
        assertEquals(new FloatingIpBodies.Add("172.24.4.10", "10.0.0.5"),
                FloatingIpBodies.add(json("{'address':'172.24.4.10','fixed_address':'10.0.0.5'}")));
        assertEquals("2001:db8::1", FloatingIpBodies.add(json("{'address':'2001:db8::1'}")).address());
    }

    @Test
    void addRefusesWhatNovasSchemaRefuses() throws Exception {
        assertEquals("Invalid input for field/attribute address. Value: . '' is not valid under any of the given"
                + " schemas", badRequest(() -> FloatingIpBodies.add(json("{'address':''}"))));
        badRequest(() -> FloatingIpBodies.add(json("{'address':'not-an-ip'}")));
        badRequest(() -> FloatingIpBodies.add(json("{'address':'1.2.3'}")));
        badRequest(() -> FloatingIpBodies.add(json("{'address':'01.2.3.4'}")));
        assertEquals("Invalid input for field/attribute address. Value: 1. 1 is not of type 'string'",
                badRequest(() -> FloatingIpBodies.add(json("{'address':1}"))));
        assertEquals("Invalid input for field/attribute addFloatingIp. Value: {}. 'address' is a required property",
                badRequest(() -> FloatingIpBodies.add(json("{}"))));
        assertEquals("Additional properties are not allowed ('pool' was unexpected)",
                badRequest(() -> FloatingIpBodies.add(json("{'address':'172.24.4.10','pool':'public'}"))));
        badRequest(() -> FloatingIpBodies.add(json("{'address':'172.24.4.10','fixed_address':'x'}")));
        badRequest(() -> FloatingIpBodies.add(json("{'address':'172.24.4.10','fixed_address':null}")));
        assertEquals("Invalid input for field/attribute addFloatingIp. Value: null. null is not of type 'object'",
                badRequest(() -> FloatingIpBodies.add(json("null"))));
    }

    @Test
    void removeTakesOnlyAnAddress() throws Exception {
        assertEquals("172.24.4.10", FloatingIpBodies.remove(json("{'address':'172.24.4.10'}")));
        assertEquals("Invalid input for field/attribute removeFloatingIp. Value: {}. 'address' is a required"
                + " property", badRequest(() -> FloatingIpBodies.remove(json("{}"))));
        badRequest(() -> FloatingIpBodies.remove(json("{'address':'172.24.4.10','fixed_address':'10.0.0.5'}")));
        badRequest(() -> FloatingIpBodies.remove(json("'172.24.4.10'")));
    }
}
