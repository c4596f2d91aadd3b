package dev.stratus.compute.node.virt;

import dev.stratus.common.compute.InstanceBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One guest to spawn, with everything the node prepared for it.
 *
 * @param instance the build request as compute-api accepted it (flavor, image, metadata, ...)
 * @param bootImage where the image's data are in the node's cache; null when the driver does not need
 *        image data
 * @param kernel the cached kernel when the image names a {@code kernel_id} (a "uec" image), else null
 * @param ramdisk the cached ramdisk when the image names a {@code ramdisk_id}, else null
 * @param kernelCommandLine the image's {@code os_command_line} property or the default, used with a kernel
 * @param configDrive files of the config drive by path inside it ({@code openstack/latest/meta_data.json},
 *        ...); empty when the server has none
 * @param nics in the order the server's networks were requested
 */
public record GuestSpec(InstanceBuild instance, Path bootImage, Path kernel, Path ramdisk,
        String kernelCommandLine, Map<String, byte[]> configDrive, List<GuestNic> nics) {

    public GuestSpec {
        configDrive = configDrive == null ? Map.of() : Map.copyOf(configDrive);
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    public String instanceId() {
        return instance.instanceId();
    }

    /** One virtio-net device: its MAC and the host bridge it attaches to. */
    public record GuestNic(String macAddress, String bridge, String portId) {
    }
}
