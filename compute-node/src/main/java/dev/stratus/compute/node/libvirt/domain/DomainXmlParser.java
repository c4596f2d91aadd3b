package dev.stratus.compute.node.libvirt.domain;

import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.attribute;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.child;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.childAttribute;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.children;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.intAttribute;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.text;

import dev.stratus.compute.node.libvirt.domain.DomainDefinition.Devices;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition.Features;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition.LifecycleActions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads domain XML, ours or as libvirt returns it ({@code virDomainGetXMLDesc}), into a
 * {@link DomainDefinition}. Elements outside the model (controllers, addresses, aliases, emulator) are
 * skipped; disks and interfaces of other types than the model's are skipped too.
 */
public final class DomainXmlParser {

    private DomainXmlParser() {
    }

    public static DomainDefinition parse(String xml) {
        Element root = XmlDocuments.parseRoot(xml, "domain");
        Element metadata = child(root, "metadata");
        Element devices = child(root, "devices");
        try {
            return new DomainDefinition(attribute(root, "type"), text(root, "name"), text(root, "uuid"),
                    metadata == null ? null : metadata(metadata), memoryKib(child(root, "memory")),
                    Integer.parseInt(text(root, "vcpu")), os(child(root, "os")), features(child(root, "features")),
                    cpu(child(root, "cpu")), clock(child(root, "clock")),
                    new LifecycleActions(text(root, "on_poweroff"), text(root, "on_reboot"), text(root, "on_crash")),
                    devices == null ? Devices.NONE : devices(devices));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("incomplete domain XML: " + e.getMessage(), e);
        }
    }

    /** The stratus metadata of a domain, null when the domain is not one of ours. */
    public static InstanceMetadata metadata(Element metadata) {
        Element instance = XmlDocuments.childNs(metadata, InstanceMetadata.NAMESPACE, "instance");
        if (instance == null) {
            return null;
        }
        String created = nsText(instance, "created");
        Element flavor = XmlDocuments.childNs(instance, InstanceMetadata.NAMESPACE, "flavor");
        Element owner = XmlDocuments.childNs(instance, InstanceMetadata.NAMESPACE, "owner");
        Element image = XmlDocuments.childNs(instance, InstanceMetadata.NAMESPACE, "image");
        return new InstanceMetadata(attribute(instance, "uuid"), nsText(instance, "name"),
                created == null ? null : Instant.parse(created),
                flavor == null ? null
                        : new InstanceMetadata.Flavor(attribute(flavor, "id"), attribute(flavor, "name"),
                                intAttribute(flavor, "vcpus", 0), intAttribute(flavor, "memory-mb", 0),
                                intAttribute(flavor, "root-gb", 0), intAttribute(flavor, "ephemeral-gb", 0),
                                intAttribute(flavor, "swap-mb", 0)),
                attribute(owner, "project"), attribute(owner, "user"), attribute(image, "id"));
    }

    private static String nsText(Element parent, String name) {
        Element element = XmlDocuments.childNs(parent, InstanceMetadata.NAMESPACE, name);
        return element == null ? null : element.getTextContent().strip();
    }

    private static long memoryKib(Element memory) {
        long value = Long.parseLong(memory.getTextContent().strip());
        String unit = attribute(memory, "unit");
        return switch (unit == null ? "KiB" : unit) {
            case "b", "bytes" -> value / 1024;
            case "KiB", "k" -> value;
            case "MiB", "M" -> value * 1024;
            case "GiB", "G" -> value * 1024 * 1024;
            case "KB" -> value * 1000 / 1024;
            case "MB" -> value * 1000 * 1000 / 1024;
            case "GB" -> value * 1000 * 1000 * 1000 / 1024;
            default -> throw new IllegalArgumentException("unknown memory unit " + unit);
        };
    }

    private static OsBoot os(Element os) {
        Element type = child(os, "type");
        List<String> boot = new ArrayList<>();
        for (Element dev : children(os, "boot")) {
            boot.add(attribute(dev, "dev"));
        }
        return new OsBoot(attribute(type, "arch"), attribute(type, "machine"), text(os, "kernel"),
                text(os, "initrd"), text(os, "cmdline"), boot);
    }

    private static Integer bootOrder(Element disk) {
        String order = childAttribute(disk, "boot", "order");
        return order == null ? null : Integer.valueOf(order);
    }

    private static Features features(Element features) {
        return features == null ? Features.NONE
                : new Features(child(features, "acpi") != null, child(features, "apic") != null);
    }

    private static Cpu cpu(Element cpu) {
        if (cpu == null) {
            return null;
        }
        Element topology = child(cpu, "topology");
        return new Cpu(attribute(cpu, "mode") == null ? "custom" : attribute(cpu, "mode"), text(cpu, "model"),
                topology == null ? null
                        : new Cpu.Topology(intAttribute(topology, "sockets", 1), intAttribute(topology, "cores", 1),
                                intAttribute(topology, "threads", 1)));
    }

    private static Clock clock(Element clock) {
        if (clock == null) {
            return null;
        }
        List<Clock.Timer> timers = new ArrayList<>();
        for (Element timer : children(clock, "timer")) {
            String present = attribute(timer, "present");
            timers.add(new Clock.Timer(attribute(timer, "name"), attribute(timer, "tickpolicy"),
                    present == null ? null : "yes".equals(present)));
        }
        return new Clock(attribute(clock, "offset"), timers);
    }

    private static Devices devices(Element devices) {
        List<Disk> disks = new ArrayList<>();
        for (Element disk : children(devices, "disk")) {
            String file = childAttribute(disk, "source", "file");
            if (!"file".equals(attribute(disk, "type")) || file == null) {
                continue;
            }
            Element driver = child(disk, "driver");
            disks.add(new Disk(attribute(disk, "device"), attribute(driver, "type"), attribute(driver, "cache"), file,
                    childAttribute(disk, "target", "dev"), childAttribute(disk, "target", "bus"),
                    child(disk, "readonly") != null, bootOrder(disk)));
        }
        List<NetInterface> nics = new ArrayList<>();
        for (Element nic : children(devices, "interface")) {
            String type = attribute(nic, "type");
            if (!NetInterface.BRIDGE.equals(type) && !NetInterface.ETHERNET.equals(type)) {
                continue;
            }
            nics.add(new NetInterface(type, childAttribute(nic, "mac", "address"),
                    childAttribute(nic, "source", "bridge"), childAttribute(nic, "target", "dev"),
                    childAttribute(nic, "model", "type")));
        }
        List<SerialPort> serials = new ArrayList<>();
        for (Element serial : children(devices, "serial")) {
            String type = attribute(serial, "type");
            int port = intAttribute(child(serial, "target"), "port", 0);
            String log = childAttribute(serial, "log", "file");
            if (SerialPort.FILE.equals(type) || SerialPort.PTY.equals(type)) {
                serials.add(new SerialPort(type, childAttribute(serial, "source", "path"), log, port, null, 0));
            } else if (SerialPort.TCP.equals(type) && "bind".equals(childAttribute(serial, "source", "mode"))) {
                // a port QEMU listens on; one that connects out is not a console of ours
                serials.add(new SerialPort(type, null, log, port, childAttribute(serial, "source", "host"),
                        Integer.parseInt(childAttribute(serial, "source", "service"))));
            }
        }
        List<Graphics> graphics = new ArrayList<>();
        for (Element display : children(devices, "graphics")) {
            // libvirt writes the address both as an attribute and as a <listen> child; older XML only the latter
            String listen = attribute(display, "listen");
            graphics.add(new Graphics(attribute(display, "type"),
                    listen != null ? listen : childAttribute(display, "listen", "address"),
                    "yes".equals(attribute(display, "autoport")), intAttribute(display, "port", -1)));
        }
        return new Devices(disks, nics, serials, graphics, child(devices, "rng") != null);
    }
}
