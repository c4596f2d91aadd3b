package dev.stratus.compute.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeHostNetworkingTest {

    private final FakeHostNetworking networking = new FakeHostNetworking();

    @Test
    void keepsWhatWasAppliedAndNamesAsTheRealHostDoes() throws Exception {
        HostNetworkPlan plan = SamplePlans.plan();
        networking.apply(plan);
        assertEquals(plan, networking.currentPlan());
        assertEquals(Set.of("brq6f1c2a3e-9d", "br-provider"), networking.bridges());
        assertTrue(networking.hasBridge("brq6f1c2a3e-9d"));
        assertEquals(Set.of("tap11111111-aa", "tap22222222-aa", "tap33333333-aa", "tap44444444-aa"),
                networking.plumbedTaps());
        assertEquals("tap11111111-aa", networking.tapName(SamplePlans.WEB_PORT));
        assertEquals("brq6f1c2a3e-9d", networking.bridgeName(SamplePlans.TENANT_NET));

        networking.apply(HostNetworkPlan.EMPTY);
        assertEquals(List.of(plan, HostNetworkPlan.EMPTY), networking.appliedPlans());
        assertEquals(Set.of(), networking.plumbedTaps());
        assertFalse(networking.hasBridge("brq6f1c2a3e-9d"), "the network left the host");
    }

    @Test
    void failsWhenToldTo() throws Exception {
        networking.failApplies("nft: no such table");
        HostNetworkingException failure = assertThrows(HostNetworkingException.class,
                () -> networking.apply(SamplePlans.plan()));
        assertEquals("nft: no such table", failure.getMessage());
        assertEquals(HostNetworkPlan.EMPTY, networking.currentPlan(), "a failed apply changes nothing");
        networking.failApplies(null);
        networking.apply(SamplePlans.plan());
        assertEquals(1, networking.appliedPlans().size());
    }

    @Test
    void legacyBridgesStay() throws Exception {
        networking.ensureBridge("brstratus0");
        networking.apply(SamplePlans.plan());
        networking.apply(HostNetworkPlan.EMPTY);
        assertTrue(networking.hasBridge("brstratus0"));
        assertThrows(IllegalArgumentException.class, () -> networking.ensureBridge("not a bridge name"));
    }
}
