package dev.stratus.common.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultBodiesTest {

    @Test
    @SuppressWarnings("unchecked")
    void novaNamesFollowTheStatus() {
        Map<String, Object> body = FaultBodies.body(FaultStyle.NOVA, 404, "Instance x could not be found.", null);
        Map<String, Object> fault = (Map<String, Object>) body.get("itemNotFound");
        assertEquals(404, fault.get("code"));
        assertEquals("Instance x could not be found.", fault.get("message"));
        assertEquals("badRequest", FaultBodies.novaName(400));
        assertEquals("conflictingRequest", FaultBodies.novaName(409));
        assertEquals("overLimit", FaultBodies.novaName(413));
        assertEquals("overLimit", FaultBodies.novaName(429));
        assertEquals("badMediaType", FaultBodies.novaName(415));
        assertEquals("notImplemented", FaultBodies.novaName(501));
        assertEquals("computeFault", FaultBodies.novaName(500));
    }

    @Test
    @SuppressWarnings("unchecked")
    void keystoneCarriesTitle() {
        Map<String, Object> error = (Map<String, Object>) FaultBodies.body(FaultStyle.KEYSTONE, 401, "no", null)
                .get("error");
        assertEquals(401, error.get("code"));
        assertEquals("Unauthorized", error.get("title"));
        assertEquals("no", error.get("message"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void neutronCarriesTypeAndDetail() {
        Map<String, Object> error = (Map<String, Object>) FaultBodies.body(FaultStyle.NEUTRON, 404,
                "Network n could not be found.", "NetworkNotFound").get("NeutronError");
        assertEquals("NetworkNotFound", error.get("type"));
        assertEquals("Network n could not be found.", error.get("message"));
        assertEquals("", error.get("detail"));
        Map<String, Object> generic = (Map<String, Object>) FaultBodies.body(FaultStyle.NEUTRON, 409, "c", null)
                .get("NeutronError");
        assertEquals("Conflict", generic.get("type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void placementListsErrorsWithCode() {
        Map<String, Object> error = ((java.util.List<Map<String, Object>>) FaultBodies.body(FaultStyle.PLACEMENT, 409,
                "generation conflict", "placement.concurrent_update").get("errors")).get(0);
        assertEquals(409, error.get("status"));
        assertEquals("Conflict", error.get("title"));
        assertEquals("generation conflict", error.get("detail"));
        assertEquals("placement.concurrent_update", error.get("code"));
        assertEquals("placement.undefined_code", ((java.util.List<Map<String, Object>>) FaultBodies.body(
                FaultStyle.PLACEMENT, 404, "x", null).get("errors")).get(0).get("code"));
    }

    @Test
    void retryAfterTravelsAsHeader() {
        ApiException e = ApiException.tooManyRequests("slow down", 7);
        assertEquals(429, e.status());
        assertEquals("7", e.headers().get("Retry-After"));
    }
}
