package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.domain.OsBoot;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nova's stable device rescue in the domain XML: which device on which bus under which name (Nova's blockinfo
 * facts), the guest's own disks unchanged, and the boot order. One case against a golden file
 * ({@code src/test/resources/libvirt/stable-rescue-cdrom-ide.xml}).
 */
class StableRescueDomainTest {

    private static final Path INSTANCES = Path.of("/var/lib/stratus/instances");

    private final DomainBuilder builder = new DomainBuilder(TestSettings.defaults(INSTANCES), VncSettings.LOCAL);

    private static ImageSpec rescueImage(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        return new ImageSpec("c0ffee00-1111-4222-8333-444455556666", "rescue", "qcow2", "bare", 16_000_000, "r",
                0, 0, all);
    }

    private static GuestSpec rescueOf(GuestSpec own, ImageSpec image, boolean withKernel) {
        return new GuestSpec(Guests.instance(own.instanceId(), image, Guests.flavor(1), true),
                Path.of("/cache/rescue"), withKernel ? Path.of("/cache/aki") : null,
                withKernel ? Path.of("/cache/ari") : null, withKernel ? "console=ttyS0" : null, Map.of(), own.nics());
    }

    /** The uec guest as the driver defines it: vda its disk, vdb its config drive, booted by its kernel. */
    private DomainDefinition ownUec() {
        GuestSpec own = Guests.uecGuest(Guests.UEC_GUEST_ID, Path.of("/cache/ami"), Path.of("/cache/aki"),
                Path.of("/cache/ari"), Guests.twoNics());
        return builder.build(own, InstanceFiles.of(INSTANCES, own.instanceId()), "qemu", "x86_64");
    }

    private DomainDefinition rescued(DomainDefinition own, Map<String, String> properties, boolean withKernel)
            throws VirtException {
        GuestSpec guest = Guests.uecGuest(Guests.UEC_GUEST_ID, Path.of("/cache/ami"), Path.of("/cache/aki"),
                Path.of("/cache/ari"), Guests.twoNics());
        ImageSpec image = rescueImage(properties);
        StableDeviceRescue request = StableDeviceRescue.requested(image, "qemu").orElseThrow();
        // through the XML, as the driver reads the guest's own definition back from libvirt
        DomainDefinition read = DomainXmlParser.parse(DomainXmlWriter.write(own));
        return builder.buildStableRescue(rescueOf(guest, image, withKernel),
                InstanceFiles.of(INSTANCES, guest.instanceId()).rescue(), read, request);
    }

    private static Disk rescueDisk(DomainDefinition domain) {
        List<Disk> disks = domain.disks();
        return disks.get(disks.size() - 1);
    }

    @Test
    void eachDeviceAndBusGetsNovasNextFreeNameAndBootsFirst() throws VirtException {
        DomainDefinition own = ownUec();
        String rescueFile = INSTANCES.resolve(Guests.UEC_GUEST_ID).resolve("disk.rescue").toString();
        record Case(String device, String bus, String target, String kind, boolean readOnly) {
        }
        for (Case c : List.of(new Case("disk", "virtio", "vdc", "disk", false),
                new Case("disk", "scsi", "sda", "disk", false), new Case("disk", "usb", "sda", "disk", false),
                new Case("disk", "sata", "sda", "disk", false), new Case("disk", "ide", "hda", "disk", false),
                new Case("cdrom", "ide", "hda", "cdrom", true), new Case("cdrom", "scsi", "sda", "cdrom", true),
                new Case("floppy", "fdc", "fda", "floppy", false))) {
            DomainDefinition domain = rescued(own, Map.of("hw_rescue_device", c.device(), "hw_rescue_bus", c.bus()),
                    false);
            assertEquals(own.disks(), domain.disks().subList(0, 2), c + ": the guest's own disks stay as they were");
            assertEquals(new Disk(c.kind(), "qcow2", null, rescueFile, c.target(), c.bus(), c.readOnly(), 1),
                    rescueDisk(domain), c.toString());
            assertEquals(3, domain.disks().size());
            assertEquals(List.of(), domain.os().bootDevices(), c + ": no <boot dev> beside a device's boot order");
            assertNull(domain.os().kernel(), c + ": a rescue image without a kernel boots from its device");
            assertEquals(own.devices().interfaces(), domain.devices().interfaces());
            assertEquals(own.name(), domain.name());
            assertEquals(own.uuid(), domain.uuid());
            String xml = DomainXmlWriter.write(domain);
            assertEquals(1, xml.split("<boot ", -1).length - 1, xml);
            assertTrue(xml.contains("<boot order=\"1\"/>"), xml);
        }
    }

    @Test
    void withoutABusTheDeviceTypesDefaultIsUsedAsNovaPicksIt() throws VirtException {
        DomainDefinition own = ownUec();
        assertEquals("vdc", rescueDisk(rescued(own, Map.of("hw_rescue_device", "disk"), false)).targetDev());
        assertEquals("ide", rescueDisk(rescued(own, Map.of("hw_rescue_device", "cdrom"), false)).bus());
        assertEquals("fdc", rescueDisk(rescued(own, Map.of("hw_rescue_device", "floppy"), false)).bus());
        Disk busOnly = rescueDisk(rescued(own, Map.of("hw_rescue_bus", "usb"), false));
        assertEquals("disk", busOnly.device(), "a bus alone rescues with a disk");
        assertEquals("sda", busOnly.targetDev());
        Disk imageBus = rescueDisk(rescued(own, Map.of("hw_rescue_device", "disk", "hw_disk_bus", "scsi"), false));
        assertEquals("scsi", imageBus.bus(), "the image's own hw_disk_bus before the default");

        StableDeviceRescue cdrom = new StableDeviceRescue("cdrom", null, rescueImage(Map.of()), "kvm");
        assertEquals("sata", cdrom.bus(OsBoot.inDeviceOrder("x86_64", "pc-q35-7.2")), "q35 has no IDE");
        assertEquals("ide", cdrom.bus(OsBoot.inDeviceOrder("x86_64", "pc-i440fx-7.2")));
        assertEquals("scsi", cdrom.bus(OsBoot.inDeviceOrder("aarch64", "virt")));
        assertEquals("sata", new StableDeviceRescue("cdrom", null, rescueImage(Map.of("hw_cdrom_bus", "sata")), "kvm")
                .bus(OsBoot.inDeviceOrder("x86_64", null)));
    }

    @Test
    void aRescueImageWithAKernelBootsItAsALegacyRescueDoes() throws VirtException {
        DomainDefinition domain = rescued(ownUec(), Map.of("hw_rescue_device", "disk", "hw_rescue_bus", "virtio"),
                true);
        Path directory = INSTANCES.resolve(Guests.UEC_GUEST_ID);
        assertEquals(directory.resolve("kernel.rescue").toString(), domain.os().kernel());
        assertEquals(directory.resolve("ramdisk.rescue").toString(), domain.os().initrd());
        assertEquals("console=ttyS0", domain.os().cmdline());
        assertEquals(1, rescueDisk(domain).bootOrder());
        assertEquals(directory.resolve("disk").toString(), domain.disks().get(0).sourceFile());
        assertEquals("vda", domain.disks().get(0).targetDev(), "the guest's own disk keeps its name");
    }

    @Test
    void imagesWithoutTheRescuePropertiesAskForALegacyRescue() throws VirtException {
        assertTrue(StableDeviceRescue.requested(rescueImage(Map.of("hw_disk_bus", "scsi")), "qemu").isEmpty());
        assertTrue(StableDeviceRescue.requested(rescueImage(Map.of("hw_rescue_bus", " ")), "qemu").isEmpty());
        assertTrue(StableDeviceRescue.requested(null, "qemu").isEmpty());
    }

    @Test
    void devicesAndBusesLibvirtHasNotAreRefusedInNovasWords() {
        VirtException device = assertThrows(VirtException.class,
                () -> StableDeviceRescue.requested(rescueImage(Map.of("hw_rescue_device", "fs")), "qemu"));
        assertEquals("Requested rescue device 'fs' is not supported", device.getMessage());
        assertThrows(VirtException.class,
                () -> StableDeviceRescue.requested(rescueImage(Map.of("hw_rescue_device", "lun")), "qemu"));
        VirtException bus = assertThrows(VirtException.class, () -> StableDeviceRescue.requested(
                rescueImage(Map.of("hw_rescue_device", "disk", "hw_rescue_bus", "xen")), "kvm"));
        assertEquals("Requested rescue bus 'xen' is not supported by the 'kvm' virt driver", bus.getMessage());
    }

    @Test
    void aFullIdeBusIsRefused() throws VirtException {
        List<Disk> four = List.of(Disk.file("raw", "/a", "hda", "ide"), Disk.file("raw", "/b", "hdb", "ide"),
                Disk.file("raw", "/c", "hdc", "ide"), Disk.file("raw", "/d", "hdd", "ide"));
        VirtException full = assertThrows(VirtException.class, () -> StableDeviceRescue.freeTarget("ide", four));
        assertTrue(full.getMessage().contains("maximum allowed number of disk devices (4)"), full.getMessage());
        assertEquals("sda", StableDeviceRescue.freeTarget("scsi", four));
        assertEquals("hdc", StableDeviceRescue.freeTarget("ide", List.of(Disk.file("raw", "/a", "hda", "ide"),
                Disk.file("raw", "/b", "hdb", "ide"), Disk.file("raw", "/d", "hdd", "ide"))), "the first gap");
    }

    @Test
    void aCdromOnIdeForADiskImageGuest() throws IOException, VirtException {
        GuestSpec guest = Guests.diskImageGuest(Guests.DISK_GUEST_ID, Path.of("/var/lib/stratus/images/base"), 1);
        InstanceFiles files = InstanceFiles.of(INSTANCES, guest.instanceId());
        DomainDefinition own = builder.build(guest, files, "qemu", "x86_64");
        ImageSpec image = rescueImage(Map.of("hw_rescue_device", "cdrom", "hw_rescue_bus", "ide"));
        DomainDefinition domain = builder.buildStableRescue(rescueOf(guest, image, false), files.rescue(),
                DomainXmlParser.parse(DomainXmlWriter.write(own)),
                StableDeviceRescue.requested(image, "qemu").orElseThrow());
        String written = DomainXmlWriter.write(domain);
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/libvirt/stable-rescue-cdrom-ide.xml")) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(written)) {
            Path actual = Path.of("target/libvirt-golden/stable-rescue-cdrom-ide.xml");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, written);
        }
        assertEquals(expected, written, "differs; the XML written is in target/libvirt-golden/");
        assertEquals(domain, DomainXmlParser.parse(written));
        assertFalse(written.contains("<boot dev"), written);
    }
}
