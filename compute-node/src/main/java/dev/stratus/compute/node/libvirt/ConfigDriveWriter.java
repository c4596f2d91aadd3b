package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes a config drive image; {@link GenisoimageConfigDrive} makes the ISO 9660 one cloud-init reads. */
public interface ConfigDriveWriter {

    /** The volume label cloud-init and other guest agents look for. */
    String LABEL = "config-2";

    /**
     * @param files contents by path inside the drive ({@code openstack/latest/meta_data.json}, ...)
     * @param image the image file to write
     */
    void write(Map<String, byte[]> files, Path image) throws IOException;
}
