package dev.stratus.compute.node.libvirt;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one instance's files live: {@code <instances-directory>/<instance id>/}. The rescue set names the files
 * of a rescue boot ({@code disk.rescue}, ...) beside the instance's own; both share the console log. A resize
 * keeps the old root disk and definition beside them ({@code disk.resize-backup}, {@code resize.xml}).
 */
record InstanceFiles(Path directory, String suffix) {

    private static final String RESCUE = ".rescue";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    static boolean isSafeId(String instanceId) {
        return instanceId != null && SAFE_ID.matcher(instanceId).matches() && !instanceId.contains("..");
    }

    static InstanceFiles of(Path instancesDirectory, String instanceId) {
        if (!isSafeId(instanceId)) {
            throw new IllegalArgumentException("not an instance id: " + instanceId);
        }
        return new InstanceFiles(instancesDirectory.toAbsolutePath().resolve(instanceId), "");
    }

    InstanceFiles rescue() {
        return new InstanceFiles(directory, RESCUE);
    }

    Path rootDisk() {
        return directory.resolve("disk" + suffix);
    }

    Path configDrive() {
        return directory.resolve("disk.config" + suffix);
    }

    Path kernel() {
        return directory.resolve("kernel" + suffix);
    }

    Path ramdisk() {
        return directory.resolve("ramdisk" + suffix);
    }

    /** The instance's own domain definition, kept while it is rescued. */
    Path unrescueXml() {
        return directory.resolve("unrescue.xml");
    }

    /** A copy of the root disk as it was before a resize, kept until the resize is confirmed or reverted. */
    Path resizeBackup() {
        return directory.resolve("disk.resize-backup");
    }

    /** The instance's domain definition from before a resize, kept until it is confirmed or reverted. */
    Path resizeXml() {
        return directory.resolve("resize.xml");
    }

    Path consoleLog() {
        return directory.resolve("console.log");
    }
}
