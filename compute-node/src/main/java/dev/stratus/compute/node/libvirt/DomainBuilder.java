package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.compute.node.libvirt.domain.Clock;
import dev.stratus.compute.node.libvirt.domain.Cpu;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.InstanceMetadata;
import dev.stratus.compute.node.libvirt.domain.NetInterface;
import dev.stratus.compute.node.libvirt.domain.OsBoot;
import dev.stratus.compute.node.libvirt.domain.Graphics;
import dev.stratus.compute.node.libvirt.domain.SerialPort;
import dev.stratus.compute.node.virt.VncSettings;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a {@link GuestSpec} and the files prepared for it into the domain this driver defines. */
final class DomainBuilder {

    /** Every domain this driver makes is named so; the rest of the name is the instance id. */
    static final String NAME_PREFIX = "instance-";

    private final LibvirtSettings settings;
    private final VncSettings vnc;

    DomainBuilder(LibvirtSettings settings, VncSettings vnc) {
        this.settings = settings;
        this.vnc = vnc;
    }

    static String domainName(String instanceId) {
        return NAME_PREFIX + instanceId;
    }

    /**
     * @param domainType {@code kvm} or {@code qemu}
     * @param arch the host's architecture, used unless the image asks for another
     */
    DomainDefinition build(GuestSpec guest, InstanceFiles files, String domainType, String arch) {
        return build(guest, files, null, domainType, arch);
    }

    /**
     * A rescue boot: the rescue files' disks, with the instance's own root disk ({@code rescuedRoot}) attached
     * second, before the config drive.
     */
    DomainDefinition buildRescue(GuestSpec rescue, InstanceFiles rescueFiles, Path rescuedRoot, String domainType,
            String arch) {
        return build(rescue, rescueFiles, rescuedRoot, domainType, arch);
    }

    /**
     * A stable device rescue ({@link StableDeviceRescue}): the instance's own definition with every disk in its
     * place and the rescue disk added on the requested bus with {@code <boot order='1'/>}. The firmware boots it,
     * or the rescue image's kernel does when it has one (a "uec" image), as a legacy rescue does.
     */
    DomainDefinition buildStableRescue(GuestSpec rescue, InstanceFiles rescueFiles, DomainDefinition own,
            StableDeviceRescue request) throws VirtException {
        String bus = request.bus(own.os());
        Disk disk = cached(Disk.file("qcow2", rescueFiles.rootDisk().toString(),
                StableDeviceRescue.freeTarget(bus, own.disks()), bus)).asDevice(request.device()).bootingAt(1);
        List<Disk> disks = new ArrayList<>(own.disks());
        disks.add("cdrom".equals(request.device()) ? disk.asReadOnly() : disk);
        OsBoot os = rescue.kernel() == null ? OsBoot.inDeviceOrder(own.os().arch(), own.os().machine())
                : OsBoot.directKernel(own.os().arch(), own.os().machine(), rescueFiles.kernel().toString(),
                        rescue.ramdisk() == null ? null : rescueFiles.ramdisk().toString(), commandLine(rescue));
        DomainDefinition.Devices devices = own.devices();
        return new DomainDefinition(own.type(), own.name(), own.uuid(), own.metadata(), own.memoryKib(), own.vcpus(),
                os, own.features(), own.cpu(), own.clock(), own.actions(), new DomainDefinition.Devices(disks,
                        devices.interfaces(), devices.serials(), devices.graphics(), devices.virtioRng()));
    }

    private DomainDefinition build(GuestSpec guest, InstanceFiles files, Path rescuedRoot, String domainType,
            String arch) {
        InstanceBuild instance = guest.instance();
        FlavorSpec flavor = instance.flavor();
        String imageArch = instance.image() == null ? null : instance.image().property("architecture");
        String guestArch = imageArch == null || imageArch.isBlank() ? arch : imageArch;
        String machine = imageProperty(guest, "hw_machine_type", settings.machineType().orElse(null));

        OsBoot os = guest.kernel() == null ? OsBoot.fromDisk(guestArch, machine)
                : OsBoot.directKernel(guestArch, machine, files.kernel().toString(),
                        guest.ramdisk() == null ? null : files.ramdisk().toString(), commandLine(guest));

        String bus = settings.diskBus();
        List<Disk> disks = new ArrayList<>();
        disks.add(cached(Disk.file("qcow2", files.rootDisk().toString(), targetDev(bus, 0), bus)));
        if (rescuedRoot != null) {
            disks.add(cached(Disk.file("qcow2", rescuedRoot.toString(), targetDev(bus, disks.size()), bus)));
        }
        if (!guest.configDrive().isEmpty()) {
            disks.add(cached(Disk.file("raw", files.configDrive().toString(), targetDev(bus, disks.size()), bus))
                    .asReadOnly());
        }
        List<NetInterface> nics = new ArrayList<>();
        for (GuestSpec.GuestNic nic : guest.nics()) {
            nics.add(nic(nic));
        }
        SerialPort serial = settings.serialConsole() == LibvirtSettings.SerialMode.FILE
                ? SerialPort.toFile(files.consoleLog().toString())
                : SerialPort.ptyLoggedTo(files.consoleLog().toString());

        return new DomainDefinition(domainType, domainName(instance.instanceId()), uuidOrNull(instance.instanceId()),
                metadata(instance), (long) flavor.memoryMb() * 1024, flavor.vcpus(), os,
                new DomainDefinition.Features(true, true), cpu(domainType),
                new Clock("utc", List.of(new Clock.Timer("pit", "delay", null),
                        new Clock.Timer("rtc", "catchup", null), new Clock.Timer("hpet", null, false))),
                DomainDefinition.LifecycleActions.DEFAULT,
                new DomainDefinition.Devices(disks, nics, List.of(serial), graphics(), true));
    }

    /** A VNC display on the host's VNC listen address, as Nova's libvirt driver adds with {@code [vnc] enabled}. */
    private List<Graphics> graphics() {
        return vnc.enabled() ? List.of(Graphics.vnc(vnc.serverListen())) : List.of();
    }

    /** The {@code <interface>} of a NIC: on its bridge (libvirt makes the tap), else on a tap made beforehand. */
    NetInterface nic(GuestSpec.GuestNic nic) {
        return nic.bridge() == null || nic.bridge().isBlank()
                ? NetInterface.onTap(nic.macAddress(), tapName(nic.portId()), settings.nicModel())
                : NetInterface.onBridge(nic.macAddress(), nic.bridge(), tapName(nic.portId()), settings.nicModel());
    }

    private String commandLine(GuestSpec guest) {
        String line = guest.kernelCommandLine();
        return line == null || line.isBlank() ? settings.kernelCommandLine() : line;
    }

    private Disk cached(Disk disk) {
        return settings.diskCacheMode().map(disk::withCache).orElse(disk);
    }

    private Cpu cpu(String domainType) {
        String mode = settings.cpuMode().orElse(null);
        if (mode == null) {
            return "kvm".equals(domainType) ? new Cpu("host-model", null, null) : null;
        }
        return switch (mode) {
            case "host-model", "host-passthrough" -> new Cpu(mode, null, null);
            default -> new Cpu("custom", mode, null);
        };
    }

    private static String imageProperty(GuestSpec guest, String key, String fallback) {
        String value = guest.instance().image() == null ? null : guest.instance().image().property(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static InstanceMetadata metadata(InstanceBuild instance) {
        FlavorSpec f = instance.flavor();
        return new InstanceMetadata(instance.instanceId(), instance.name(), instance.createdAt(),
                new InstanceMetadata.Flavor(f.id(), f.name(), f.vcpus(), f.memoryMb(), f.rootGb(), f.ephemeralGb(),
                        f.swapMb()),
                instance.projectId(), instance.userId(), instance.image() == null ? null : instance.image().id());
    }

    /** vda, vdb, ... for virtio; sda, ... for sata and scsi; hda, ... for ide. */
    static String targetDev(String bus, int index) {
        String prefix = switch (bus) {
            case "virtio" -> "vd";
            case "ide" -> "hd";
            default -> "sd";
        };
        return prefix + (char) ('a' + index);
    }

    /** The host tap of a port, named as the host plumbing's rules expect it; null without a port. */
    static String tapName(String portId) {
        if (portId == null || portId.isBlank()) {
            return null;
        }
        return PlumbingNames.tapName(portId);
    }

    private static String uuidOrNull(String instanceId) {
        try {
            return UUID.fromString(instanceId).toString().equals(instanceId.toLowerCase()) ? instanceId : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
