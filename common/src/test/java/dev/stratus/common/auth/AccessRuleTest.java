package dev.stratus.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessRuleTest {

    @Test
    void oneStarIsOneSegment() {
        AccessRule rule = new AccessRule("compute", "/v2.1/servers/*/ips", "GET");
        assertTrue(rule.allows("compute", "GET", "/v2.1/servers/abc/ips"));
        assertFalse(rule.allows("compute", "GET", "/v2.1/servers/abc/ips/private"));
        assertFalse(rule.allows("compute", "GET", "/v2.1/servers/ips"));
        assertFalse(rule.allows("compute", "POST", "/v2.1/servers/abc/ips"));
        assertFalse(rule.allows("image", "GET", "/v2.1/servers/abc/ips"));
    }

    @Test
    void aFinalDoubleStarIsAnyRest() {
        AccessRule rule = new AccessRule("image", "/v2/images/**", "GET");
        assertTrue(rule.allows("image", "GET", "/v2/images"));
        assertTrue(rule.allows("image", "GET", "/v2/images/x/file"));
        assertFalse(rule.allows("image", "GET", "/v2/schemas/image"));
    }

    @Test
    void literalPathsMatchExactly() {
        AccessRule rule = new AccessRule("network", "/v2.0/networks", "GET");
        assertTrue(rule.allows("network", "GET", "/v2.0/networks/"));
        assertFalse(rule.allows("network", "GET", "/v2.0/networks/n1"));
    }
}
