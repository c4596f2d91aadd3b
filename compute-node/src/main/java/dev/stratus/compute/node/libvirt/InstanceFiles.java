package dev.stratus.compute.node.libvirt;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where one instance's files live: {@code <instances-directory>/<instance id>/}. */
record InstanceFiles(Path directory) {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    static boolean isSafeId(String instanceId) {
        return instanceId != null && SAFE_ID.matcher(instanceId).matches() && !instanceId.contains("..");
    }

    static InstanceFiles of(Path instancesDirectory, String instanceId) {
        if (!isSafeId(instanceId)) {
            throw new IllegalArgumentException("not an instance id: " + instanceId);
        }
        return new InstanceFiles(instancesDirectory.toAbsolutePath().resolve(instanceId));
    }

    Path rootDisk() {
        return directory.resolve("disk");
    }

    Path configDrive() {
        return directory.resolve("disk.config");
    }

    Path kernel() {
        return directory.resolve("kernel");
    }

    Path ramdisk() {
        return directory.resolve("ramdisk");
    }

    Path consoleLog() {
        return directory.resolve("console.log");
    }
}
