package dev.stratus.compute.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.NicRow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Which fixed IP addFloatingIp binds to, with Nova's checks on the server's network information. */
class FixedAddressChoiceTest {

    private static final String SERVER = "6a8d1a5e-8c3a-4a3e-9f7c-1d0f8e6e2b11";
    private static final String FIP = "172.24.4.10";

    private static NicRow nic(int position, String port, String... fixed) {
        return new NicRow(position, "net-" + position, "private", port, null, "fa:16:3e:00:00:0" + position, null,
                List.of(fixed), List.of(), true);
    }

    private static String badRequest(Executable choice) {
        ApiException e = assertThrows(ApiException.class, choice);
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void firstIpv4AddressWhenNoneIsNamed() {
        List<NicRow> nics = List.of(nic(0, "p0", "fd00::5"), nic(1, "p1", "10.0.0.5", "10.0.0.6"));
        assertEquals("10.0.0.5", FixedAddressChoice.of(nics, null, FIP, SERVER));
    }

    @Test
    void theNamedAddressWhenTheServerHoldsIt() {
        List<NicRow> nics = List.of(nic(0, "p0", "10.0.0.5"), nic(1, "p1", "fd00::5", "192.168.1.7"));
        assertEquals("192.168.1.7", FixedAddressChoice.of(nics, "192.168.1.7", FIP, SERVER));
        assertEquals("fd00::5", FixedAddressChoice.of(nics, "fd00::5", FIP, SERVER));
        assertEquals("Specified fixed address not assigned to instance",
                badRequest(() -> FixedAddressChoice.of(nics, "10.0.0.99", FIP, SERVER)));
    }

    @Test
    void aServerWithoutPortsHasNoNetworkYet() {
        assertEquals("Instance network is not ready yet",
                badRequest(() -> FixedAddressChoice.of(List.of(), null, FIP, SERVER)));
        NicRow requestedOnly = NicRow.requested(0, "net-0", "private", null, "10.0.0.5", null, null);
        assertEquals("Instance network is not ready yet",
                badRequest(() -> FixedAddressChoice.of(List.of(requestedOnly), null, FIP, SERVER)));
    }

    @Test
    void portsWithoutAddresses() {
        assertEquals("No fixed IPs associated to instance",
                badRequest(() -> FixedAddressChoice.of(List.of(nic(0, "p0")), null, FIP, SERVER)));
    }

    @Test
    void onlyIpv6Addresses() {
        assertEquals("Unable to associate floating IP " + FIP + " to any fixed IPs for instance " + SERVER
                + ". Instance has no fixed IPv4 addresses to associate.",
                badRequest(() -> FixedAddressChoice.of(List.of(nic(0, "p0", "fd00::5")), null, FIP, SERVER)));
    }
}
