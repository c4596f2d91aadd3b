package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.NetInterface;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.InterfaceNotSupported;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot-plugging NICs on {@link FakeLibvirtHost}: LIVE|CONFIG into a running guest, CONFIG into a stopped one, a
 * suspended one refused, the same {@code <interface>} a boot NIC gets, and repeated calls that change nothing.
 */
class LibvirtInterfacesTest {

    private static final GuestSpec.GuestNic EXTRA = new GuestSpec.GuestNic("fa:16:3e:aa:bb:09", "brq99999999-00",
            "99999999-0000-1111-2222");

    @TempDir
    Path dir;

    private FakeLibvirtHost host;

    private LibvirtDriver driver;

    @BeforeEach
    void setUp() {
        host = new FakeLibvirtHost();
        FakeMedia media = new FakeMedia();
        driver = new LibvirtDriver(TestSettings.defaults(dir.resolve("instances"))
                .withVirtType(LibvirtSettings.VirtType.QEMU).withTimeouts(Duration.ofMillis(400),
                        Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2)),
                uri -> host, media, media, (emulator, timeout) -> {
                    throw new AssertionError("virt_type is configured: no probe");
                });
    }

    private String spawned() throws Exception {
        return Guests.spawnUec(driver, dir);
    }

    private List<NetInterface> nics(String id) {
        return DomainXmlParser.parse(host.domainOf(id).xml()).devices().interfaces();
    }

    @Test
    void aRunningGuestTakesTheNicLiveAndGivesItBack() throws Exception {
        String id = spawned();
        driver.attachInterface(id, EXTRA);
        assertEquals(List.of("attach live"), host.domainOf(id).deviceChanges);
        NetInterface plugged = nics(id).get(2);
        assertEquals(NetInterface.onBridge("fa:16:3e:aa:bb:09", "brq99999999-00", "tap99999999-00",
                nics(id).get(0).model()), plugged, "the same <interface> as a boot NIC: its bridge, its port's tap");

        driver.attachInterface(id, EXTRA);
        assertEquals(1, host.domainOf(id).deviceChanges.size(), "a NIC the guest has is not plugged again");

        driver.detachInterface(id, "FA:16:3E:AA:BB:09");
        assertEquals(List.of("attach live", "detach live"), host.domainOf(id).deviceChanges);
        assertEquals(2, nics(id).size());
        driver.detachInterface(id, "fa:16:3e:aa:bb:09");
        assertEquals(2, host.domainOf(id).deviceChanges.size(), "a NIC that is gone is left alone");
    }

    @Test
    void aStoppedGuestTakesItInItsDefinitionAndASuspendedOneRefuses() throws Exception {
        String stopped = spawned();
        driver.powerOff(stopped, false, 0);
        driver.attachInterface(stopped, EXTRA);
        assertEquals(List.of("attach config"), host.domainOf(stopped).deviceChanges);

        String suspended = spawned();
        driver.suspend(suspended);
        InterfaceNotSupported refused = assertThrows(InterfaceNotSupported.class,
                () -> driver.attachInterface(suspended, EXTRA));
        assertTrue(refused.getMessage().contains("suspended"), refused.getMessage());
        assertTrue(host.domainOf(suspended).deviceChanges.isEmpty());
        assertFalse(nics(suspended).stream().anyMatch(n -> n.mac().equals(EXTRA.macAddress())));
    }
}
