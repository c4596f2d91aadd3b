package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Guest specs the tests build domains from. */
final class Guests {

    static final String DISK_GUEST_ID = "5f1c7d8e-3b2a-4c6d-9e8f-0a1b2c3d4e5f";

    static final String UEC_GUEST_ID = "0b9e4c2a-7d16-4f3e-8a5b-c1d2e3f4a5b6";

    static final Instant CREATED = Instant.parse("2026-11-25T06:00:00Z");

    private Guests() {
    }

    static FlavorSpec flavor(int rootGb) {
        return new FlavorSpec("1", "m1.tiny", 1, 512, rootGb, 0, 0, Map.of());
    }

    static InstanceBuild instance(String id, ImageSpec image, FlavorSpec flavor, boolean configDrive) {
        return new InstanceBuild(id, "web-1", "web-1", "7a1e5c2b9d8f4e3a", "3c2b1a0f9e8d7c6b", flavor, image,
                null, null, null, Map.of(), List.of(), configDrive, "nova", 0, "r-1", null, CREATED);
    }

    static GuestSpec diskImageGuest(String id, Path baseImage, int rootGb) {
        ImageSpec image = new ImageSpec("b1f0a8d2-6c4e-4b3a-9f7e-2d1c0b9a8e7f", "cirros", "qcow2", "bare",
                16_000_000, "abc", 0, 0, Map.of());
        return new GuestSpec(instance(id, image, flavor(rootGb), false), baseImage, null, null, null, Map.of(),
                List.of(new GuestSpec.GuestNic("fa:16:3e:11:22:33", "brq1a2b3c4d-5e", "1a2b3c4d-5e6f-4a7b-8c9d")));
    }

    static GuestSpec uecGuest(String id, Path machine, Path kernel, Path ramdisk, List<GuestSpec.GuestNic> nics) {
        ImageSpec image = new ImageSpec("e7d6c5b4-a392-4817-b6f5-d4c3b2a19080", "cirros-uec", "ami", "ami",
                25_000_000, "def", 0, 0, Map.of("kernel_id", "k-1", "ramdisk_id", "r-1"));
        Map<String, byte[]> drive = new LinkedHashMap<>();
        drive.put("openstack/latest/meta_data.json",
                ("{\"uuid\": \"" + id + "\", \"name\": \"web-1\"}").getBytes(StandardCharsets.UTF_8));
        drive.put("openstack/latest/user_data", "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8));
        return new GuestSpec(instance(id, image, flavor(1), true), machine, kernel, ramdisk,
                "root=/dev/vda console=ttyS0", drive, nics);
    }

    /** {@link #uecGuest} with two NICs, its machine, kernel and ramdisk written in {@code dir}'s {@code cache}. */
    static GuestSpec uecGuestIn(String id, Path dir) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        return uecGuest(id, Files.writeString(cache.resolve("ami"), "machine"),
                Files.writeString(cache.resolve("aki"), "kernel"), Files.writeString(cache.resolve("ari"), "ramdisk"),
                twoNics());
    }

    /** Spawns a new instance of {@link #uecGuestIn} with {@code driver}; its id. */
    static String spawnUec(VirtDriver driver, Path dir) throws Exception {
        String id = UUID.randomUUID().toString();
        driver.spawn(uecGuestIn(id, dir));
        return id;
    }

    static List<GuestSpec.GuestNic> twoNics() {
        return List.of(new GuestSpec.GuestNic("fa:16:3e:aa:bb:01", "brq11111111-22", "11111111-2222-3333-4444"),
                new GuestSpec.GuestNic("fa:16:3e:aa:bb:02", "brq55555555-66", "55555555-6666-7777-8888"));
    }
}
