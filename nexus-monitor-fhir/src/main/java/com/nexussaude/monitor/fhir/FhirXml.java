package com.nexussaude.monitor.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Turns FHIR XML into the tree shape of FHIR JSON, for the elements this module reads: the root
 * element's name becomes {@code resourceType}; an element with a {@code value} attribute becomes
 * that value (a number for {@code value} elements holding a decimal, as in {@code valueQuantity});
 * every other element becomes an object, collected in an array under its name (the reader accepts
 * an array of one wherever JSON has a single object); {@code <resource><Observation>…} becomes the
 * inner resource. The narrative ({@code text.div}, XHTML) is skipped. DOCTYPEs are refused.
 */
final class FhirXml {
    static final String FHIR_NS = "http://hl7.org/fhir";
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FhirXml() {
    }

    static JsonNode read(String xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Element root = b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            if (!FHIR_NS.equals(root.getNamespaceURI())) {
                throw new IOException("root element <" + root.getTagName() + "> is not in the FHIR namespace " + FHIR_NS);
            }
            return resource(root);
        } catch (SAXException e) {
            throw new IOException("invalid XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a secure configuration", e);
        }
    }

    private static ObjectNode resource(Element e) {
        ObjectNode o = object(e);
        o.put("resourceType", e.getLocalName());
        return o;
    }

    private static ObjectNode object(Element e) {
        ObjectNode o = NODES.objectNode();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child) || !FHIR_NS.equals(child.getNamespaceURI())) {
                continue;   // text, comments, and the XHTML narrative
            }
            ArrayNode values = o.has(child.getLocalName()) ? (ArrayNode) o.get(child.getLocalName())
                    : o.putArray(child.getLocalName());
            values.add(value(child));
        }
        return o;
    }

    private static JsonNode value(Element e) {
        Element only = onlyChildElement(e);
        if (only != null && Character.isUpperCase(only.getLocalName().charAt(0))) {
            return resource(only);
        }
        if (e.hasAttribute("value") && only == null) {
            String v = e.getAttribute("value");
            if (e.getLocalName().equals("value") && DECIMAL.matcher(v).matches()) {
                return NODES.numberNode(new BigDecimal(v));
            }
            return NODES.textNode(v);
        }
        return object(e);
    }

    private static Element onlyChildElement(Element e) {
        Element found = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && FHIR_NS.equals(child.getNamespaceURI())) {
                if (found != null) {
                    return null;
                }
                found = child;
            }
        }
        return found;
    }
}
