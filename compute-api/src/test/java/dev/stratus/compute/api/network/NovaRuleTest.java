package dev.stratus.compute.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Nova's rule semantics over network-service rules: defaults, checks and messages, both directions. */
class NovaRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARENT = "11111111-2222-3333-4444-555555555555";
    private static final String SOURCE = "66666666-7777-8888-9999-000000000000";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ApiException refused(String body, String group) {
        return assertThrows(ApiException.class, () -> NovaRule.requested(PARENT, json(body), group));
    }

    @Test
    void aCidrRuleDefaultsToAnywhereAndBecomesAnIngressNeutronRule() {
        NovaRule rule = NovaRule.requested(PARENT, json("{'ip_protocol':'TCP','from_port':22,'to_port':'22'}"), null);
        assertEquals("tcp", rule.protocol());
        assertEquals("0.0.0.0/0", rule.cidr());
        assertEquals(json("{'security_group_rule':{'direction':'ingress','security_group_id':'" + PARENT + "',"
                + "'ethertype':'IPv4','protocol':'tcp','remote_ip_prefix':'0.0.0.0/0','port_range_min':22,"
                + "'port_range_max':22}}"), rule.toNeutron());
    }

    @Test
    void anIpv6CidrMakesAnIpv6RuleAndIcmpAnyLeavesThePortsOut() {
        NovaRule rule = NovaRule.requested(PARENT,
                json("{'ip_protocol':'icmp','from_port':-1,'to_port':-1,'cidr':'2001:db8::/64'}"), null);
        JsonNode neutron = rule.toNeutron().path("security_group_rule");
        assertEquals("IPv6", neutron.path("ethertype").asText());
        assertFalse(neutron.has("port_range_min"));
        assertFalse(neutron.has("port_range_max"));
    }

    @Test
    void aSourceGroupRuleOpensEveryPortWhenNoneIsGiven() {
        NovaRule tcp = NovaRule.requested(PARENT, json("{'ip_protocol':'tcp'}"), SOURCE);
        assertEquals(List.of(1, 65535), List.of(tcp.fromPort(), tcp.toPort()));
        assertNull(tcp.cidr());
        NovaRule icmp = NovaRule.requested(PARENT, json("{'ip_protocol':'icmp'}"), SOURCE);
        assertEquals(List.of(-1, -1), List.of(icmp.fromPort(), icmp.toPort()));
        NovaRule any = NovaRule.requested(PARENT, json("{}"), SOURCE);
        assertNull(any.protocol());
        assertEquals(SOURCE, any.toNeutron().path("security_group_rule").path("remote_group_id").asText());
    }

    @Test
    void aCidrRuleWithoutProtocolOrPortsIsNotEnough() {
        assertNull(NovaRule.requested(PARENT, json("{'ip_protocol':'tcp','from_port':22}"), null));
        assertNull(NovaRule.requested(PARENT, json("{'from_port':22,'to_port':22}"), null));
    }

    @Test
    void badProtocolsPortsAndCidrsAreRefusedWithNovasWords() {
        assertEquals("Invalid IP protocol 999-x.",
                refused("{'ip_protocol':'999-x','from_port':22,'to_port':22}", null).getMessage());
        assertEquals("Invalid port range 65536:22. Former value cannot be greater than the later",
                refused("{'ip_protocol':'tcp','from_port':65536,'to_port':22}", null).getMessage());
        assertEquals("Invalid port range 22:65536. Valid TCP ports should be between 1-65535",
                refused("{'ip_protocol':'tcp','from_port':22,'to_port':65536}", null).getMessage());
        assertEquals("Invalid port range 22:21. Former value cannot be greater than the later",
                refused("{'ip_protocol':'udp','from_port':22,'to_port':21}", null).getMessage());
        assertEquals("Invalid port range 256:0. For ICMP, the type:code must be valid",
                refused("{'ip_protocol':'icmp','from_port':256,'to_port':0}", null).getMessage());
        assertEquals("Invalid input received: To and From ports must be integers",
                refused("{'ip_protocol':'tcp','from_port':'ssh','to_port':22}", null).getMessage());
        assertEquals("Invalid cidr 10.0.0.1.",
                refused("{'ip_protocol':'tcp','from_port':22,'to_port':22,'cidr':'10.0.0.1'}", null).getMessage());
        assertEquals("Bad prefix for network in cidr 10.0.0.0/0",
                refused("{'ip_protocol':'tcp','from_port':22,'to_port':22,'cidr':'10.0.0.0/0'}", null).getMessage());
        assertEquals(400, refused("{'ip_protocol':'tcp','from_port':22,'to_port':22,'cidr':'10.0.0.0/33'}", null)
                .status());
    }

    @Test
    void aNeutronRuleWithoutPortsShowsTheWholeRangeAndMatchesTheSameRequest() {
        NovaRule shown = NovaRule.fromNeutron(json("{'id':'r1','security_group_id':'" + PARENT + "',"
                + "'direction':'ingress','protocol':'tcp','port_range_min':null,'port_range_max':null,"
                + "'remote_ip_prefix':null,'remote_group_id':null}"));
        assertEquals(List.of(1, 65535), List.of(shown.fromPort(), shown.toPort()));
        assertEquals("0.0.0.0/0", shown.cidr());
        assertTrue(shown.sameRuleAs(NovaRule.requested(PARENT,
                json("{'ip_protocol':'tcp','from_port':1,'to_port':65535}"), null)));
        assertFalse(shown.sameRuleAs(NovaRule.requested(PARENT,
                json("{'ip_protocol':'tcp','from_port':22,'to_port':22}"), null)));
    }

    @Test
    void theViewShowsEitherTheSourceGroupOrTheRange() {
        NovaRule cidr = NovaRule.fromNeutron(json("{'id':'r1','security_group_id':'" + PARENT + "',"
                + "'protocol':'tcp','port_range_min':22,'port_range_max':22,'remote_ip_prefix':'10.2.3.124/24'}"));
        assertEquals(Map.of("cidr", "10.2.3.124/24"), cidr.view(null).get("ip_range"));
        assertEquals(Map.of(), cidr.view(null).get("group"));
        NovaRule grouped = NovaRule.fromNeutron(json("{'id':'r2','security_group_id':'" + PARENT + "',"
                + "'protocol':'tcp','port_range_min':22,'port_range_max':22,'remote_group_id':'" + SOURCE + "'}"));
        Map<String, Object> source = Map.of("name", "web", "tenant_id", "p1");
        assertEquals(source, grouped.view(source).get("group"));
        assertEquals(Map.of(), grouped.view(source).get("ip_range"));
    }

    @Test
    void aGroupShowsOnlyIngressRulesAndDropsRulesWhoseSourceIsGone() {
        JsonNode group = json("{'id':'" + PARENT + "','name':'web','description':'d','tenant_id':'p1',"
                + "'security_group_rules':["
                + "{'id':'e','security_group_id':'" + PARENT + "','direction':'egress','protocol':null},"
                + "{'id':'i','security_group_id':'" + PARENT + "','direction':'ingress','protocol':'icmp'},"
                + "{'id':'g','security_group_id':'" + PARENT + "','direction':'ingress','protocol':null,"
                + "'remote_group_id':'" + SOURCE + "'}]}");
        Map<String, Object> shown = NovaSecurityGroupView.of(group, id -> Optional.empty());
        assertEquals("p1", shown.get("tenant_id"));
        List<?> rules = (List<?>) shown.get("rules");
        assertEquals(1, rules.size());
        assertEquals(-1, ((Map<?, ?>) rules.get(0)).get("from_port"));
    }
}
