package dev.stratus.compute.node.libvirt;

import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.attribute;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.child;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.children;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.intAttribute;
import static dev.stratus.compute.node.libvirt.domain.XmlDocuments.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.compute.node.libvirt.domain.XmlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * What {@code virConnectGetCapabilities} says about the host: its CPU, and for each guest architecture the
 * emulator and the domain types ({@code qemu}, {@code kvm}) it can run.
 */
public record HostCapabilities(String arch, String cpuModel, String cpuVendor, int sockets, int cores, int threads,
        List<String> cpuFeatures, List<GuestType> guests) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HostCapabilities {
        cpuFeatures = List.copyOf(cpuFeatures);
        guests = List.copyOf(guests);
    }

    /** One {@code <guest>}: an architecture with its emulator binary and domain types. */
    public record GuestType(String osType, String arch, String emulator, Set<String> domainTypes) {
        public GuestType {
            domainTypes = Set.copyOf(domainTypes);
        }
    }

    public static HostCapabilities parse(String xml) {
        Element root = XmlDocuments.parseRoot(xml, "capabilities");
        Element cpu = child(child(root, "host"), "cpu");
        Element topology = cpu == null ? null : child(cpu, "topology");
        List<String> features = new ArrayList<>();
        if (cpu != null) {
            children(cpu, "feature").forEach(f -> features.add(attribute(f, "name")));
        }
        List<GuestType> guests = new ArrayList<>();
        for (Element guest : children(root, "guest")) {
            Element arch = child(guest, "arch");
            if (arch == null) {
                continue;
            }
            Set<String> types = new LinkedHashSet<>();
            children(arch, "domain").forEach(d -> types.add(attribute(d, "type")));
            guests.add(new GuestType(text(guest, "os_type"), attribute(arch, "name"), text(arch, "emulator"), types));
        }
        return new HostCapabilities(text(cpu, "arch"), text(cpu, "model"), text(cpu, "vendor"),
                intAttribute(topology, "sockets", 1), intAttribute(topology, "cores", 1),
                intAttribute(topology, "threads", 1), features, guests);
    }

    /** The hvm guest type of the host's own architecture. */
    public Optional<GuestType> nativeHvmGuest() {
        return guests.stream().filter(g -> "hvm".equals(g.osType()) && g.arch() != null && g.arch().equals(arch))
                .findFirst();
    }

    /** The CPU description os-hypervisors shows as {@code cpu_info}. */
    public String cpuInfoJson() {
        ObjectNode info = JSON.createObjectNode();
        info.put("arch", arch);
        info.put("model", cpuModel);
        info.put("vendor", cpuVendor);
        ObjectNode topology = info.putObject("topology");
        topology.put("sockets", sockets);
        topology.put("cores", cores);
        topology.put("threads", threads);
        cpuFeatures.forEach(info.putArray("features")::add);
        return info.toString();
    }
}
