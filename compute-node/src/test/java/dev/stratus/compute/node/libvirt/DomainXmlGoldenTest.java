package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The XML the driver defines for the two kinds of guests, compared with the files under
 * {@code src/test/resources/libvirt/}; a difference is written to {@code target/libvirt-golden/} for a diff.
 */
class DomainXmlGoldenTest {

    private static final Path INSTANCES = Path.of("/var/lib/stratus/instances");

    private final DomainBuilder builder = new DomainBuilder(TestSettings.defaults(INSTANCES), VncSettings.LOCAL);

    @Test
    void diskImageGuest() throws IOException {
        GuestSpec guest = Guests.diskImageGuest(Guests.DISK_GUEST_ID, Path.of("/var/lib/stratus/images/base"), 1);
        DomainDefinition domain = builder.build(guest, InstanceFiles.of(INSTANCES, guest.instanceId()), "qemu",
                "x86_64");
        assertGolden("disk-image-guest.xml", domain);
    }

    @Test
    void kernelRamdiskGuestWithConfigDriveAndTwoNics() throws IOException {
        GuestSpec guest = Guests.uecGuest(Guests.UEC_GUEST_ID, Path.of("/cache/ami"), Path.of("/cache/aki"),
                Path.of("/cache/ari"), Guests.twoNics());
        DomainDefinition domain = builder.build(guest, InstanceFiles.of(INSTANCES, guest.instanceId()), "kvm",
                "x86_64");
        assertGolden("uec-guest.xml", domain);
    }

    /** Nova's {@code [vnc] server_listen}: the display listens where the host's VNC settings say, on a port QEMU picks. */
    @Test
    void theVncDisplayListensOnTheConfiguredAddressAndGoesWithVncTurnedOff() {
        GuestSpec guest = Guests.diskImageGuest(Guests.DISK_GUEST_ID, Path.of("/var/lib/stratus/images/base"), 1);
        InstanceFiles files = InstanceFiles.of(INSTANCES, guest.instanceId());
        DomainBuilder listening = new DomainBuilder(TestSettings.defaults(INSTANCES),
                new VncSettings(true, "192.0.2.7", "192.0.2.7"));
        String xml = DomainXmlWriter.write(listening.build(guest, files, "qemu", "x86_64"));
        assertTrue(xml.contains("<graphics autoport=\"yes\" listen=\"192.0.2.7\" type=\"vnc\"/>")
                || xml.contains("<graphics type=\"vnc\" autoport=\"yes\" listen=\"192.0.2.7\"/>"), xml);
        DomainBuilder off = new DomainBuilder(TestSettings.defaults(INSTANCES), new VncSettings(false, "a", "b"));
        DomainDefinition without = off.build(guest, files, "qemu", "x86_64");
        assertTrue(without.devices().graphics().isEmpty());
        assertFalse(DomainXmlWriter.write(without).contains("<graphics"));
    }

    private static void assertGolden(String name, DomainDefinition domain) throws IOException {
        String written = DomainXmlWriter.write(domain);
        String expected;
        try (InputStream in = DomainXmlGoldenTest.class.getResourceAsStream("/libvirt/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(written)) {
            Path actual = Path.of("target/libvirt-golden", name);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, written);
        }
        assertEquals(expected, written, name + " differs; the XML written is in target/libvirt-golden/" + name);
        assertEquals(domain, DomainXmlParser.parse(written), "the golden XML parses back to the same domain");
    }
}
