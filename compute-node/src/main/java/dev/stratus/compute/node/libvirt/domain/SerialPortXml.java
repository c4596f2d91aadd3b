package dev.stratus.compute.node.libvirt.domain;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The TCP serial ports of a domain's XML, read and rewritten in place, everything else left as it is (a definition
 * libvirt gave back, with its controllers and addresses, stays whole): as Nova reads them
 * ({@code _get_serial_ports_from_guest}) and as it moves them to the ports of a live migration's destination
 * ({@code migration._update_serial_xml}).
 */
public final class SerialPortXml {

    private SerialPortXml() {
    }

    /** The domain's name ({@code <name>}). */
    public static String name(String xml) {
        return XmlDocuments.text(XmlDocuments.parseRoot(xml, "domain"), "name");
    }

    /**
     * The TCP ports QEMU listens on for the domain's serial ports ({@code <serial type='tcp'>} in bind mode), in
     * order; the {@code <console type='tcp'>} ones when it has no such serial port (as Nova reads them).
     */
    public static List<Integer> tcpPorts(String xml) {
        Element devices = XmlDocuments.child(XmlDocuments.parseRoot(xml, "domain"), "devices");
        List<Integer> ports = new ArrayList<>();
        if (devices == null) {
            return ports;
        }
        for (String kind : List.of("serial", "console")) {
            for (Element device : XmlDocuments.children(devices, kind)) {
                Element source = XmlDocuments.child(device, "source");
                String service = XmlDocuments.attribute(source, "service");
                if ("tcp".equals(device.getAttribute("type")) && "bind".equals(XmlDocuments.attribute(source, "mode"))
                        && service != null) {
                    ports.add(Integer.parseInt(service));
                }
            }
            if (!ports.isEmpty()) {
                break;
            }
        }
        return ports;
    }

    /**
     * The domain with its first serial port listening on {@code host}:{@code service}: a {@code pty} or
     * {@code file} port becomes a {@code tcp} one logged to the same file (a file port's path becomes the log), a
     * {@code tcp} one takes the new address and port; its target and address stay. The {@code <console>} that stands
     * for the first serial port is dropped: libvirt makes it again from the serial port. A domain without a serial
     * port is returned as it is.
     */
    public static String listenOnTcp(String xml, String host, int service) {
        Element root = XmlDocuments.parseRoot(xml, "domain");
        Element devices = XmlDocuments.child(root, "devices");
        Element serial = devices == null ? null : XmlDocuments.child(devices, "serial");
        if (serial == null) {
            return xml;
        }
        String type = serial.getAttribute("type");
        String log = XmlDocuments.childAttribute(serial, "log", "file");
        if (log == null && SerialPort.FILE.equals(type)) {
            log = XmlDocuments.childAttribute(serial, "source", "path");
        }
        for (String name : List.of("source", "protocol", "log")) {
            for (Element old : XmlDocuments.children(serial, name)) {
                serial.removeChild(old);
            }
        }
        Node first = serial.getFirstChild();
        Element scratch = root.getOwnerDocument().createElement("serial");
        DomainXmlWriter.tcpSource(scratch, host, service);
        if (log != null) {
            Element logElement = root.getOwnerDocument().createElement("log");
            logElement.setAttribute("file", log);
            logElement.setAttribute("append", "on");
            scratch.appendChild(logElement);
        }
        while (scratch.getFirstChild() != null) {
            serial.insertBefore(scratch.getFirstChild(), first);
        }
        serial.setAttribute("type", SerialPort.TCP);
        for (Element console : XmlDocuments.children(devices, "console")) {
            String target = XmlDocuments.childAttribute(console, "target", "type");
            if (target == null || "serial".equals(target)) {
                devices.removeChild(console);
            }
        }
        return serialize(root);
    }

    private static String serialize(Element root) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(root.getOwnerDocument()), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write the domain XML", e);
        }
    }
}
