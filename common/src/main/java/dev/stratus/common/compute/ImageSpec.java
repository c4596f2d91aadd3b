package dev.stratus.common.compute;

import java.util.Map;

/**
 * The image a server boots from, as image-service described it at request time. {@code properties}
 * holds Glance's extra properties (architecture, hypervisor_type, kernel_id, ramdisk_id, ...).
 */
public record ImageSpec(String id, String name, String diskFormat, String containerFormat, long size,
        String checksum, int minDiskGb, int minRamMb, Map<String, String> properties) {

    public ImageSpec {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public String property(String key) {
        return properties.get(key);
    }
}
