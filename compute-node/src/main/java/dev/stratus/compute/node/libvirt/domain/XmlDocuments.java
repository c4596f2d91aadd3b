package dev.stratus.compute.node.libvirt.domain;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reading libvirt's XML with the JDK's DOM parser: no DTDs, no external entities, namespace aware. */
public final class XmlDocuments {

    private XmlDocuments() {
    }

    public static Element parseRoot(String xml, String expectedRoot) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (!expectedRoot.equals(root.getLocalName())) {
                throw new IllegalArgumentException("expected <" + expectedRoot + ">, found <" + root.getLocalName()
                        + ">");
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The direct children of {@code parent} named {@code name} in no namespace. */
    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getNamespaceURI() == null && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    public static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    public static Element childNs(Element parent, String namespace, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && namespace.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    public static String text(Element parent, String name) {
        Element element = parent == null ? null : child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }

    /** The attribute's value, null when absent or empty. */
    public static String attribute(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return null;
        }
        String value = element.getAttribute(name);
        return value.isEmpty() ? null : value;
    }

    public static String childAttribute(Element parent, String child, String name) {
        return attribute(parent == null ? null : child(parent, child), name);
    }

    public static int intAttribute(Element element, String name, int fallback) {
        String value = attribute(element, name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
