package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a rescue boot: the rescue disk, config drive and kernel beside the instance's own, and the
 * instance's own domain definition, kept in {@code unrescue.xml} until it boots from its disks again. The
 * instance's own root disk is never written here. Which rescue (legacy or stable device) is the rescue image's
 * choice ({@link StableDeviceRescue}).
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

    /** The rescue domain's definition, made once the instance's own (inactive) definition is known. */
    @FunctionalInterface
    interface Definition {
        String from(String ownXml) throws VirtException;
    }

    /**
     * Lays out the rescue files and says how the rescue domain is defined. A legacy rescue boots the rescue disk
     * with the instance's own root disk second and a rescue config drive; a stable device rescue (the rescue
     * image has {@code hw_rescue_device} or {@code hw_rescue_bus}) keeps the instance's own disks, config drive
     * included, and adds the rescue disk, so no rescue config drive is written for it, as none is attached.
     */
    Definition prepare(GuestSpec rescue, InstanceFiles files, String domainType, String arch) throws VirtException {
        InstanceFiles rescueFiles = files.rescue();
        Optional<StableDeviceRescue> stable = StableDeviceRescue.requested(rescue.instance().image(), domainType);
        if (stable.isEmpty()) {
            preparer.prepare(rescue, rescueFiles);
            String xml = DomainXmlWriter.write(
                    domains.buildRescue(rescue, rescueFiles, files.rootDisk(), domainType, arch));
            return own -> xml;
        }
        preparer.prepare(new GuestSpec(rescue.instance(), rescue.bootImage(), rescue.kernel(), rescue.ramdisk(),
                rescue.kernelCommandLine(), Map.of(), rescue.nics()), rescueFiles);
        return own -> {
            DomainDefinition definition;
            try {
                definition = DomainXmlParser.parse(own);
            } catch (IllegalArgumentException e) {
                throw new VirtException("The server's own definition cannot be read for its rescue", e);
            }
            return DomainXmlWriter.write(domains.buildStableRescue(rescue, rescueFiles, definition, stable.get()));
        };
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
