package io.flashback.bridge.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Writing S3 XML responses and reading S3 XML request bodies (no DTDs, no external entities). */
public final class Xml {
    public static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final int MAX_REQUEST_XML = 2 * 1024 * 1024;

    private final StringBuilder sb = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    public static Xml document() {
        return new Xml();
    }

    public Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public Xml openRoot(String name) {
        sb.append('<').append(name).append(" xmlns=\"").append(NS).append("\">");
        return this;
    }

    public Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    public Xml element(String name, Object value) {
        if (value == null) return this;
        sb.append('<').append(name).append('>');
        escape(String.valueOf(value));
        sb.append("</").append(name).append('>');
        return this;
    }

    public Xml element(String name, Instant time) {
        return time == null ? this : element(name, DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS)));
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') sb.append("&#").append((int) c).append(';');
                    else sb.append(c);
                }
            }
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    // ------------------------------------------------------------ reading

    /** Parses a request body; anything that is not well-formed XML is MalformedXML. */
    public static Element parse(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_REQUEST_XML + 1);
            if (bytes.length > MAX_REQUEST_XML) throw S3ErrorCode.MALFORMED_XML.exception("The XML body is too large.");
            if (bytes.length == 0) throw S3ErrorCode.MALFORMED_XML.exception();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(bytes));
            return doc.getDocumentElement();
        } catch (SAXException | ParserConfigurationException e) {
            throw S3ErrorCode.MALFORMED_XML.exception();
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY, "The request body could not be read.", e);
        }
    }

    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) out.add(e);
        }
        return out;
    }

    public static String childText(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? null : c.get(0).getTextContent();
    }

    public static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
