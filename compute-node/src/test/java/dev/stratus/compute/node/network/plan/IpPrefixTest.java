package dev.stratus.compute.node.network.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @Test
    void ipv4() {
        IpPrefix prefix = IpPrefix.parse("10.0.0.7/24");
        assertEquals(4, prefix.version());
        assertEquals("10.0.0.7", prefix.address());
        assertEquals("10.0.0.7/24", prefix.withLengthText());
        assertEquals("10.0.0.0/24", prefix.toString());
        assertEquals("255.255.255.0", prefix.netmask());
        assertEquals("255.255.240.0", IpPrefix.parse("10.0.0.0/20").netmask());
        assertEquals("0.0.0.0", IpPrefix.parse("0.0.0.0/0").netmask());
        assertTrue(IpPrefix.parse("10.0.0.5").isHost());
        assertEquals("10.0.0.5", IpPrefix.parse("10.0.0.5").toString());
    }

    @Test
    void ipv6PrintedAsRfc5952() {
        assertEquals("2001:db8::1", IpPrefix.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").address());
        assertEquals("2001:db8:0:1::5", IpPrefix.parse("2001:db8:0:1:0:0:0:5").address());
        assertEquals("2001:0:0:1::1", IpPrefix.parse("2001:0:0:1:0:0:0:1").address());
        assertEquals("::", IpPrefix.parse("::").address());
        assertEquals("fe80::f816:3eff:fe11:1111", IpPrefix.parse("fe80::f816:3eff:fe11:1111").address());
        assertEquals("2001:db8:0:1::/64", IpPrefix.parse("2001:db8:0:1::5/64").toString());
        assertEquals("1::", IpPrefix.parse("1:0:0:0:0:0:0:0").address());
        assertEquals("1:2:3:4:5:6:7:8", IpPrefix.parse("1:2:3:4:5:6:7:8").address());
        assertEquals("1:0:2:0:3::", IpPrefix.parse("1:0:2:0:3:0:0:0").address());
    }

    @Test
    void containment() {
        IpPrefix net = IpPrefix.parse("10.0.0.0/24");
        assertTrue(net.contains(IpPrefix.parse("10.0.0.200")));
        assertTrue(net.contains(IpPrefix.parse("10.0.0.128/25")));
        assertFalse(net.contains(IpPrefix.parse("10.0.1.1")));
        assertFalse(net.contains(IpPrefix.parse("10.0.0.0/23")));
        assertFalse(net.contains(IpPrefix.parse("::1")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpPrefix.parse("192.0.2.1")));
    }

    @Test
    void equalityIgnoresSpelling() {
        assertEquals(IpPrefix.parse("2001:db8::1/64"), IpPrefix.parse("2001:0db8:0:0::1/64"));
        assertFalse(IpPrefix.parse("10.0.0.1/24").equals(IpPrefix.parse("10.0.0.1/25")));
    }

    @Test
    void onlyLiteralsAreAccepted() {
        for (String bad : new String[] {"", "localhost", "10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1/33",
            "2001:db8::1/129", "10.0.0.1/", "1.2.3.4 ; drop", "fe80::1%eth0", "2001:db8::g", "example.com:80"}) {
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseHost("10.0.0.1/24"));
    }
}
