package dev.stratus.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values are oslo.utils' get_ipv6_addr_by_EUI64 (what Tempest compares ports with). */
class Eui64Test {

    @Test
    void macWithFfFeInTheMiddleAndTheUniversalLocalBitInverted() {
        assertEquals("2001:db8:1:0:f816:3eff:fe12:3456",
                Eui64.address(Cidr.of("2001:db8:1::/64"), "fa:16:3e:12:34:56").toString());
        assertEquals("2001:db8:7:0:f816:3eff:feab:cdef",
                Eui64.address(Cidr.of("2001:db8:7::/64"), "FA-16-3E-AB-CD-EF").toString());
        assertEquals("2001:db8:1::ff:fe00:1", Eui64.address(Cidr.of("2001:db8:1::/64"), "02:00:00:00:00:01").toString());
    }

    @Test
    void ipv4PrefixesAndBadMacsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Eui64.address(Cidr.of("10.0.0.0/24"), "fa:16:3e:12:34:56"));
        assertThrows(IllegalArgumentException.class, () -> Eui64.address(Cidr.of("2001:db8::/64"), "fa:16:3e:12:34"));
    }
}
