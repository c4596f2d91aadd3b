package dev.stratus.compute.node.libvirt.domain;

import dev.stratus.compute.node.libvirt.domain.DomainDefinition.Devices;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes a {@link DomainDefinition} as the XML libvirt's {@code virDomainDefineXML} takes. */
public final class DomainXmlWriter {

    private DomainXmlWriter() {
    }

    public static String write(DomainDefinition domain) {
        Document doc = newDocument();
        Element root = doc.createElement("domain");
        doc.appendChild(root);
        root.setAttribute("type", domain.type());
        text(root, "name", domain.name());
        if (domain.uuid() != null) {
            text(root, "uuid", domain.uuid());
        }
        if (domain.metadata() != null) {
            metadata(child(root, "metadata"), domain.metadata());
        }
        Element memory = text(root, "memory", Long.toString(domain.memoryKib()));
        memory.setAttribute("unit", "KiB");
        text(root, "vcpu", Integer.toString(domain.vcpus()));
        os(child(root, "os"), domain.os());
        features(root, domain.features());
        if (domain.cpu() != null) {
            cpu(child(root, "cpu"), domain.cpu());
        }
        if (domain.clock() != null) {
            clock(child(root, "clock"), domain.clock());
        }
        text(root, "on_poweroff", domain.actions().onPoweroff());
        text(root, "on_reboot", domain.actions().onReboot());
        text(root, "on_crash", domain.actions().onCrash());
        devices(child(root, "devices"), domain.devices());
        return serialize(doc);
    }

    /** One {@code <interface>} element on its own, as a domain's devices carry it (to hot-plug or unplug it). */
    public static String interfaceXml(NetInterface nic) {
        Document doc = newDocument();
        Element element = doc.createElement("interface");
        doc.appendChild(element);
        nic(element, nic);
        return serialize(doc);
    }

    private static void metadata(Element parent, InstanceMetadata meta) {
        Document doc = parent.getOwnerDocument();
        String ns = InstanceMetadata.NAMESPACE;
        String p = InstanceMetadata.PREFIX + ":";
        Element instance = doc.createElementNS(ns, p + "instance");
        instance.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + InstanceMetadata.PREFIX, ns);
        instance.setAttribute("uuid", meta.instanceId());
        parent.appendChild(instance);
        if (meta.name() != null) {
            nsText(instance, p + "name", meta.name());
        }
        if (meta.createdAt() != null) {
            nsText(instance, p + "created", meta.createdAt().toString());
        }
        InstanceMetadata.Flavor f = meta.flavor();
        if (f != null) {
            Element flavor = nsChild(instance, p + "flavor");
            optionalAttribute(flavor, "id", f.id());
            optionalAttribute(flavor, "name", f.name());
            flavor.setAttribute("vcpus", Integer.toString(f.vcpus()));
            flavor.setAttribute("memory-mb", Integer.toString(f.memoryMb()));
            flavor.setAttribute("root-gb", Integer.toString(f.rootGb()));
            flavor.setAttribute("ephemeral-gb", Integer.toString(f.ephemeralGb()));
            flavor.setAttribute("swap-mb", Integer.toString(f.swapMb()));
        }
        if (meta.projectId() != null || meta.userId() != null) {
            Element owner = nsChild(instance, p + "owner");
            optionalAttribute(owner, "project", meta.projectId());
            optionalAttribute(owner, "user", meta.userId());
        }
        if (meta.imageId() != null) {
            nsChild(instance, p + "image").setAttribute("id", meta.imageId());
        }
    }

    private static void os(Element os, OsBoot boot) {
        Element type = text(os, "type", "hvm");
        type.setAttribute("arch", boot.arch());
        optionalAttribute(type, "machine", boot.machine());
        if (boot.kernel() != null) {
            text(os, "kernel", boot.kernel());
        }
        if (boot.initrd() != null) {
            text(os, "initrd", boot.initrd());
        }
        if (boot.cmdline() != null) {
            text(os, "cmdline", boot.cmdline());
        }
        for (String dev : boot.bootDevices()) {
            child(os, "boot").setAttribute("dev", dev);
        }
    }

    private static void features(Element root, DomainDefinition.Features features) {
        if (!features.acpi() && !features.apic()) {
            return;
        }
        Element element = child(root, "features");
        if (features.acpi()) {
            child(element, "acpi");
        }
        if (features.apic()) {
            child(element, "apic");
        }
    }

    private static void cpu(Element cpu, Cpu model) {
        cpu.setAttribute("mode", model.mode());
        if (model.model() != null) {
            text(cpu, "model", model.model());
        }
        if (model.topology() != null) {
            Element topology = child(cpu, "topology");
            topology.setAttribute("sockets", Integer.toString(model.topology().sockets()));
            topology.setAttribute("cores", Integer.toString(model.topology().cores()));
            topology.setAttribute("threads", Integer.toString(model.topology().threads()));
        }
    }

    private static void clock(Element clock, Clock model) {
        clock.setAttribute("offset", model.offset());
        for (Clock.Timer timer : model.timers()) {
            Element element = child(clock, "timer");
            element.setAttribute("name", timer.name());
            optionalAttribute(element, "tickpolicy", timer.tickPolicy());
            if (timer.present() != null) {
                element.setAttribute("present", timer.present() ? "yes" : "no");
            }
        }
    }

    private static void devices(Element devices, Devices model) {
        for (Disk disk : model.disks()) {
            disk(child(devices, "disk"), disk);
        }
        for (NetInterface nic : model.interfaces()) {
            nic(child(devices, "interface"), nic);
        }
        for (SerialPort serial : model.serials()) {
            serial(child(devices, "serial"), serial);
        }
        for (Graphics graphics : model.graphics()) {
            graphics(child(devices, "graphics"), graphics);
        }
        if (model.virtioRng()) {
            Element rng = child(devices, "rng");
            rng.setAttribute("model", "virtio");
            text(rng, "backend", "/dev/urandom").setAttribute("model", "random");
        }
    }

    private static void disk(Element element, Disk disk) {
        element.setAttribute("type", "file");
        element.setAttribute("device", disk.device());
        Element driver = child(element, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", disk.format());
        optionalAttribute(driver, "cache", disk.cache());
        child(element, "source").setAttribute("file", disk.sourceFile());
        Element target = child(element, "target");
        target.setAttribute("dev", disk.targetDev());
        target.setAttribute("bus", disk.bus());
        if (disk.readOnly()) {
            child(element, "readonly");
        }
        if (disk.bootOrder() != null) {
            child(element, "boot").setAttribute("order", Integer.toString(disk.bootOrder()));
        }
    }

    private static void nic(Element element, NetInterface nic) {
        element.setAttribute("type", nic.type());
        if (nic.mac() != null) {
            child(element, "mac").setAttribute("address", nic.mac());
        }
        if (nic.bridge() != null) {
            child(element, "source").setAttribute("bridge", nic.bridge());
        }
        if (nic.targetDev() != null) {
            Element target = child(element, "target");
            target.setAttribute("dev", nic.targetDev());
            if (NetInterface.ETHERNET.equals(nic.type())) {
                target.setAttribute("managed", "no");
            }
        }
        child(element, "model").setAttribute("type", nic.model());
    }

    private static void serial(Element element, SerialPort serial) {
        element.setAttribute("type", serial.type());
        if (SerialPort.FILE.equals(serial.type())) {
            Element source = child(element, "source");
            source.setAttribute("path", serial.path());
            source.setAttribute("append", "on");
        }
        if (serial.listensOnTcp()) {
            tcpSource(element, serial.host(), serial.service());
        }
        if (serial.logFile() != null) {
            Element log = child(element, "log");
            log.setAttribute("file", serial.logFile());
            log.setAttribute("append", "on");
        }
        child(element, "target").setAttribute("port", Integer.toString(serial.port()));
    }

    /**
     * The {@code <source mode='bind'>} and raw {@code <protocol>} of a character device QEMU listens on, appended to
     * {@code element}; also used to turn an existing device into one ({@link SerialPortXml}).
     */
    static void tcpSource(Element element, String host, int service) {
        Element source = child(element, "source");
        source.setAttribute("mode", "bind");
        source.setAttribute("host", host);
        source.setAttribute("service", Integer.toString(service));
        child(element, "protocol").setAttribute("type", "raw");
    }

    private static void graphics(Element element, Graphics graphics) {
        element.setAttribute("type", graphics.type());
        if (graphics.autoport()) {
            element.setAttribute("autoport", "yes");
        } else {
            element.setAttribute("port", Integer.toString(graphics.port()));
        }
        optionalAttribute(element, "listen", graphics.listen());
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static Element text(Element parent, String name, String value) {
        Element element = child(parent, name);
        element.setTextContent(value);
        return element;
    }

    private static Element nsChild(Element parent, String qualifiedName) {
        Element element = parent.getOwnerDocument().createElementNS(InstanceMetadata.NAMESPACE, qualifiedName);
        parent.appendChild(element);
        return element;
    }

    private static void nsText(Element parent, String qualifiedName, String value) {
        nsChild(parent, qualifiedName).setTextContent(value);
    }

    private static void optionalAttribute(Element element, String name, String value) {
        if (value != null) {
            element.setAttribute(name, value);
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is not available", e);
        }
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString().replace("\r\n", "\n").strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write the domain XML", e);
        }
    }
}
