package dev.stratus.compute.node.build;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.compute.node.configdrive.ConfigDriveContent;
import dev.stratus.compute.node.image.ImageCache;
import dev.stratus.compute.node.image.ImageCacheException;
import dev.stratus.compute.node.image.ImageSource;
import dev.stratus.compute.node.instance.GuestDirectories;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.ports.HostPorts;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a guest needs before the driver can spawn it: its images in the host's cache (when the driver
 * reads image data), its NICs on the host bridge, and its config drive's files.
 */
public class GuestPreparation {

    public static final String KERNEL_ID = "kernel_id";
    public static final String RAMDISK_ID = "ramdisk_id";
    public static final String COMMAND_LINE = "os_command_line";

    /** How guests are prepared on this host. */
    public record Settings(String bridge, String defaultKernelCommandLine, boolean forceConfigDrive) {
    }

    private final DriverCapabilities capabilities;
    private final ImageCache images;
    private final ImageSource imageSource;
    private final HostNetworking networking;
    private final HostPorts ports;
    private final GuestDirectories directories;
    private final Settings settings;

    /** @param directories the host's guest directories; null when the driver keeps no files (fake) */
    public GuestPreparation(DriverCapabilities capabilities, ImageCache images, ImageSource imageSource,
            HostNetworking networking, HostPorts ports, GuestDirectories directories, Settings settings) {
        this.capabilities = capabilities;
        this.images = images;
        this.imageSource = imageSource;
        this.networking = networking;
        this.ports = ports;
        this.directories = directories;
        this.settings = settings;
    }

    public GuestSpec prepare(InstanceBuild instance) throws PreparationException, InterruptedException {
        Path bootImage = null;
        Path kernel = null;
        Path ramdisk = null;
        ImageSpec image = instance.image();
        try {
            if (directories != null) {
                directories.create(instance.instanceId());
            }
            if (capabilities.needsImageData() && image != null) {
                bootImage = images.fetch(image.id(), image.checksum());
                kernel = fetchRelated(image.property(KERNEL_ID));
                ramdisk = fetchRelated(image.property(RAMDISK_ID));
            }
        } catch (ImageCacheException e) {
            throw new PreparationException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PreparationException("cannot create the guest directory: " + e.getMessage(), e);
        }
        List<GuestNic> nics;
        try {
            // Ports of network-service are bound here and plumbed on their networks' bridges; a NIC without a
            // port (no network-service) goes on the host's own bridge.
            Map<String, String> bridges = ports.bind(GuestNics.portIds(instance));
            nics = GuestNics.plan(instance, bridges, settings.bridge());
            if (nics.stream().anyMatch(n -> settings.bridge().equals(n.bridge()))) {
                networking.ensureBridge(settings.bridge());
            }
        } catch (HostNetworkingException | IllegalArgumentException e) {
            throw new PreparationException("cannot plug the server's NICs: " + e.getMessage(), e);
        }
        Map<String, byte[]> configDrive = Map.of();
        if (instance.configDrive() || settings.forceConfigDrive()) {
            if (!capabilities.supportsConfigDrive()) {
                throw new PreparationException("a config drive was requested but this host's driver cannot attach one");
            }
            try {
                configDrive = ConfigDriveContent.of(instance, nics);
            } catch (IllegalArgumentException e) {
                throw new PreparationException(e.getMessage(), e);
            }
        }
        String commandLine = image == null || image.property(COMMAND_LINE) == null
                ? settings.defaultKernelCommandLine() : image.property(COMMAND_LINE);
        return new GuestSpec(instance, bootImage, kernel, ramdisk, kernel == null ? null : commandLine, configDrive,
                nics);
    }

    /** The guest runs: its ports are reported up to network-service. */
    public void started(GuestSpec guest) {
        ports.started(guest.nics().stream().map(GuestNic::portId).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * One more NIC for a guest on this host (an interface attach): its port bound here and plumbed on its
     * network's bridge, as a build does, placed after the guest's other NICs.
     */
    public GuestNic plugNic(InstanceBuild instance, NetworkRequest network) throws PreparationException {
        try {
            List<String> port = network.portId() == null || network.portId().isBlank() ? List.of()
                    : List.of(network.portId());
            GuestNic nic = GuestNics.nic(instance.instanceId(), network, instance.networks().size(), ports.bind(port),
                    settings.bridge());
            if (settings.bridge().equals(nic.bridge())) {
                networking.ensureBridge(settings.bridge());
            }
            return nic;
        } catch (HostNetworkingException | IllegalArgumentException e) {
            throw new PreparationException("cannot plug the NIC: " + e.getMessage(), e);
        }
    }

    /** A NIC was hot-plugged into a running guest: its port is reported up. */
    public void nicStarted(GuestNic nic) {
        if (nic.portId() != null) {
            ports.started(List.of(nic.portId()));
        }
    }

    /** A guest's NICs changed while it does not run, or one was unplugged: the host looks at its plumbing again. */
    public void nicsChanged() {
        ports.changed();
    }

    private Path fetchRelated(String imageId) throws ImageCacheException, InterruptedException {
        if (imageId == null || imageId.isBlank()) {
            return null;
        }
        String checksum;
        try {
            checksum = imageSource.checksum(imageId);
        } catch (IOException e) {
            throw new ImageCacheException("cannot read image " + imageId + ": " + e.getMessage(), e);
        }
        return images.fetch(imageId, checksum);
    }

    /**
     * Removes what {@link #prepare} left for the instance on the host (its guest directory); its ports'
     * plumbing goes when network-service no longer binds them here, which the host checks again now.
     */
    public void cleanUp(String instanceId) throws IOException {
        ports.changed();
        if (directories != null) {
            directories.remove(instanceId);
        }
    }

    /** Images the given instances need in the cache: their boot image, kernel and ramdisk. */
    public static Set<String> imagesOf(Iterable<InstanceBuild> instances) {
        Set<String> ids = new TreeSet<>();
        for (InstanceBuild instance : instances) {
            ImageSpec image = instance.image();
            if (image != null) {
                ids.add(image.id());
                if (image.property(KERNEL_ID) != null) {
                    ids.add(image.property(KERNEL_ID));
                }
                if (image.property(RAMDISK_ID) != null) {
                    ids.add(image.property(RAMDISK_ID));
                }
            }
        }
        return ids;
    }

    /** A guest could not be prepared; the message is fit for the server's fault. */
    public static class PreparationException extends Exception {
        public PreparationException(String message) {
            super(message);
        }

        public PreparationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
