package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.host.NativeHostConnector;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The project's test guest (deploy/guest-image, {@code -Dstratus.test.guest-image}, by default
 * {@code ../deploy/guest-image/out}) for the checks on a real QEMU ({@code -Dstratus.test.qemu-uri}): its disk,
 * kernel and ramdisk copied into a temporary directory of the check's own (libvirt relabels the files its guests
 * use), the driver's settings (virt_type qemu, short timeouts) and the guest's image (an {@code ami} with its
 * kernel and ramdisk). A check without the test guest is skipped. Closing it deletes the directory.
 */
record QemuTestGuest(Path root, Path disk, Path kernel, Path ramdisk, TestSettings settings, ImageSpec image)
        implements AutoCloseable {

    /** @param directoryPrefix names the temporary directory */
    static QemuTestGuest prepare(String directoryPrefix) throws IOException {
        Path images = Path.of(System.getProperty("stratus.test.guest-image", "../deploy/guest-image/out"));
        assumeTrue(Files.isRegularFile(images.resolve("stratus-guest.img")), "no test guest in " + images);
        Path root = Files.createTempDirectory(directoryPrefix);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = Files.createDirectories(root.resolve("cache"));
        Path disk = Files.copy(images.resolve("stratus-guest.img"), cache.resolve("ami"));
        Path kernel = Files.copy(images.resolve("stratus-guest.vmlinuz"), cache.resolve("aki"));
        Path ramdisk = Files.copy(images.resolve("stratus-guest.initrd"), cache.resolve("ari"));
        TestSettings settings = TestSettings.defaults(root.resolve("instances"))
                .withUri(System.getProperty("stratus.test.qemu-uri")).withVirtType(LibvirtSettings.VirtType.QEMU)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(60));
        ImageSpec image = new ImageSpec(UUID.randomUUID().toString(), "stratus-guest", "ami", "ami",
                Files.size(disk), "x", 0, 0, Map.of("kernel_id", "k", "ramdisk_id", "r"));
        return new QemuTestGuest(root, disk, kernel, ramdisk, settings, image);
    }

    /** The libvirt driver on the QEMU under test, with these serial consoles; it never probes for KVM. */
    LibvirtDriver driver(SerialConsoleSettings serial) {
        return new LibvirtDriver(settings, VncSettings.LOCAL, serial, new NativeHostConnector(), new QemuImg(settings),
                new GenisoimageConfigDrive(settings), new VirtTypeResolver(settings, (emulator, timeout) -> {
                    throw new AssertionError("virt_type is qemu: no probe");
                }));
    }

    /** The config drive of instance {@code id}: its metadata, naming it. */
    static Map<String, byte[]> configDrive(String id) {
        return Map.of("openstack/latest/meta_data.json",
                ("{\"uuid\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Instance {@code id} booting the test guest, one vCPU, with its config drive. */
    GuestSpec spec(String id) {
        return new GuestSpec(Guests.instance(id, image, Guests.flavor(1), true), disk, kernel, ramdisk,
                "console=ttyS0", configDrive(id), List.of());
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
