package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.libvirt.host.NativeHostConnector;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Stable device rescues of the project's test guest (deploy/guest-image) on a real QEMU: each bus Tempest rescues
 * with is defined, started and unrescued through libvirt. Not part of the default suite (it starts real guests on
 * the host's libvirtd); run it alone, after {@code deploy/guest-image/build}:
 *
 * <pre>smvn -o test -pl compute-node -Dtest=QemuStableRescueCheck -Dstratus.test.qemu-uri=qemu:///system
 *     [-Dstratus.test.guest-image=deploy/guest-image/out]</pre>
 *
 * Its files live in a temporary directory of its own and its domain is destroyed and undefined at the end.
 */
@EnabledIfSystemProperty(named = "stratus.test.qemu-uri", matches = ".+")
class QemuStableRescueCheck {

    @Test
    void eachRescueBusStartsOnQemuAndTheGuestComesBack() throws Exception {
        try (QemuTestGuest guest = QemuTestGuest.prepare("stratus-rescue-check")) {
            LibvirtDriver driver = guest.driver(SerialConsoleSettings.OFF);
            String id = UUID.randomUUID().toString();
            try (LibvirtHost inspector = new NativeHostConnector().open(guest.settings().uri())) {
                driver.spawn(guest.spec(id));
                check(driver, inspector, guest, id);
            } finally {
                driver.destroy(id);
                driver.close();
            }
        }
    }

    private static void check(LibvirtDriver driver, LibvirtHost inspector, QemuTestGuest guest, String id)
            throws Exception {
        assertEquals(PowerState.RUNNING, driver.powerState(id));
        record Case(String device, String bus, String target, boolean kernel) {
        }
        for (Case c : List.of(new Case("disk", "virtio", "vdc", true), new Case("disk", "scsi", "sda", true),
                new Case("disk", "usb", "sda", true), new Case("cdrom", "ide", "hda", true),
                new Case("cdrom", "ide", "hda", false))) {
            Map<String, String> properties = new HashMap<>(Map.of("hw_rescue_device", c.device(),
                    "hw_rescue_bus", c.bus()));
            if (c.kernel()) {
                properties.putAll(guest.image().properties());
            }
            ImageSpec rescueImage = new ImageSpec(UUID.randomUUID().toString(), "rescue", "qcow2", "bare",
                    Files.size(guest.disk()), "x", 0, 0, properties);
            driver.rescue(new GuestSpec(Guests.instance(id, rescueImage, Guests.flavor(1), true), guest.disk(),
                    c.kernel() ? guest.kernel() : null, c.kernel() ? guest.ramdisk() : null, "console=ttyS0",
                    QemuTestGuest.configDrive(id), List.of()));
            assertEquals(PowerState.RUNNING, driver.powerState(id), c.toString());
            DomainDefinition live = DomainXmlParser.parse(
                    inspector.lookupByName(DomainBuilder.domainName(id)).orElseThrow().xml());
            Disk added = live.disks().get(live.disks().size() - 1);
            assertEquals(List.of(c.device(), c.bus(), c.target(), 1),
                    List.of(added.device(), added.bus(), added.targetDev(), added.bootOrder()), c.toString());
            assertEquals(List.of("vda", "vdb"), live.disks().subList(0, 2).stream().map(Disk::targetDev).toList());
            driver.unrescue(id);
            assertEquals(PowerState.RUNNING, driver.powerState(id), c + ": unrescued");
        }
    }
}
