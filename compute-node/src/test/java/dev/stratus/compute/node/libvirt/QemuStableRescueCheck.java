package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.libvirt.host.NativeHostConnector;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
        Path images = Path.of(System.getProperty("stratus.test.guest-image", "../deploy/guest-image/out"));
        assumeTrue(Files.isRegularFile(images.resolve("stratus-guest.img")), "no test guest in " + images);
        Path root = Files.createTempDirectory("stratus-rescue-check");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        // copies: libvirt relabels the files its guests use
        Path cache = Files.createDirectories(root.resolve("cache"));
        Path disk = Files.copy(images.resolve("stratus-guest.img"), cache.resolve("ami"));
        Path kernel = Files.copy(images.resolve("stratus-guest.vmlinuz"), cache.resolve("aki"));
        Path ramdisk = Files.copy(images.resolve("stratus-guest.initrd"), cache.resolve("ari"));
        TestSettings settings = TestSettings.defaults(root.resolve("instances"))
                .withUri(System.getProperty("stratus.test.qemu-uri")).withVirtType(LibvirtSettings.VirtType.QEMU)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(60));
        LibvirtDriver driver = new LibvirtDriver(settings, new NativeHostConnector(), new QemuImg(settings),
                new GenisoimageConfigDrive(settings), (emulator, timeout) -> {
                    throw new AssertionError("virt_type is qemu: no probe");
                });
        String id = UUID.randomUUID().toString();
        try (LibvirtHost inspector = new NativeHostConnector().open(settings.uri())) {
            ImageSpec own = new ImageSpec(UUID.randomUUID().toString(), "stratus-guest", "ami", "ami",
                    Files.size(disk), "x", 0, 0, Map.of("kernel_id", "k", "ramdisk_id", "r"));
            Map<String, byte[]> drive = Map.of("openstack/latest/meta_data.json",
                    ("{\"uuid\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
            driver.spawn(new GuestSpec(Guests.instance(id, own, Guests.flavor(1), true), disk, kernel, ramdisk,
                    "console=ttyS0", drive, List.of()));
            assertEquals(PowerState.RUNNING, driver.powerState(id));
            record Case(String device, String bus, String target, boolean kernel) {
            }
            for (Case c : List.of(new Case("disk", "virtio", "vdc", true), new Case("disk", "scsi", "sda", true),
                    new Case("disk", "usb", "sda", true), new Case("cdrom", "ide", "hda", true),
                    new Case("cdrom", "ide", "hda", false))) {
                Map<String, String> properties = new HashMap<>(Map.of("hw_rescue_device", c.device(),
                        "hw_rescue_bus", c.bus()));
                if (c.kernel()) {
                    properties.putAll(own.properties());
                }
                ImageSpec rescueImage = new ImageSpec(UUID.randomUUID().toString(), "rescue", "qcow2", "bare",
                        Files.size(disk), "x", 0, 0, properties);
                driver.rescue(new GuestSpec(Guests.instance(id, rescueImage, Guests.flavor(1), true), disk,
                        c.kernel() ? kernel : null, c.kernel() ? ramdisk : null, "console=ttyS0", drive, List.of()));
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
        } finally {
            driver.destroy(id);
            driver.close();
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
