package dev.stratus.common.network.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class Ipv6TextTest {

    private static String text(String literal) throws Exception {
        return Ipv6Text.of(InetAddress.getByName(literal).getAddress());
    }

    @Test
    void rfc5952Examples() throws Exception {
        assertEquals("2001:db8::1", text("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"), "a single zero group stays");
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"), "the longest run is shortened");
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("::", text("::"));
        assertEquals("::1", text("::1"));
        assertEquals("fe80::", text("fe80:0:0:0:0:0:0:0"));
    }

    @Test
    void groupsAndBytesAgree() {
        assertEquals("fd00::ab:cd", Ipv6Text.of(new int[] {0xfd00, 0, 0, 0, 0, 0, 0xab, 0xcd}));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Text.of(new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Text.of(new int[7]));
    }
}
