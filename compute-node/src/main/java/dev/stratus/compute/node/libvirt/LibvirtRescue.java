package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The files of a rescue boot: the rescue disk, config drive and kernel beside the instance's own, and the
 * instance's own domain definition, kept in {@code unrescue.xml} until it boots from its disks again. The
 * instance's own root disk is never written here.
 */
final class LibvirtRescue {

    private final InstancePreparer preparer;
    private final DomainBuilder domains;

    LibvirtRescue(InstancePreparer preparer, DomainBuilder domains) {
        this.preparer = preparer;
        this.domains = domains;
    }

    static boolean isRescued(InstanceFiles files) {
        return Files.isRegularFile(files.unrescueXml());
    }

    /** Lays out the rescue files and returns the rescue domain's definition. */
    String prepare(GuestSpec rescue, InstanceFiles files, String domainType, String arch) throws VirtException {
        InstanceFiles rescueFiles = files.rescue();
        preparer.prepare(rescue, rescueFiles);
        return DomainXmlWriter.write(domains.buildRescue(rescue, rescueFiles, files.rootDisk(), domainType, arch));
    }

    /** Keeps the instance's own (inactive) definition for {@link #original}. */
    void keep(InstanceFiles files, String originalXml) throws VirtException {
        Path target = files.unrescueXml();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.writeString(partial, originalXml, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VirtException("The server's definition could not be kept for its unrescue", e);
        }
    }

    String original(InstanceFiles files) throws VirtException {
        try {
            return Files.readString(files.unrescueXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException("The server's own definition, kept at its rescue, cannot be read", e);
        }
    }

    /** Removes the rescue files and the kept definition: the instance is its own again. */
    void cleanUp(InstanceFiles files) throws VirtException {
        InstanceFiles rescueFiles = files.rescue();
        try {
            for (Path path : List.of(rescueFiles.rootDisk(), rescueFiles.configDrive(), rescueFiles.kernel(),
                    rescueFiles.ramdisk(), files.unrescueXml())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new VirtException("The server's rescue files could not be removed", e);
        }
    }
}
