package org.reactorxmpp.xmpp.xml;

import java.util.Arrays;

import javax.xml.stream.Location;

import org.codehaus.stax2.XMLStreamReader2;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link XmlElement} trees from StAX events, with the {@link XmlLimits} checks that are the same for a
 * whole document ({@link XmlReader}, Woodstox) and for the elements of an incremental stream
 * ({@link XmlStreamParser}, Aalto): both readers implement {@link XMLStreamReader2}. {@link XmlScanner}, which
 * reads documents in memory without StAX, opens elements and adds texts with checks of its own.
 *
 * <p>One assembly reads one tree at a time, without a builder per element: the open elements are a stack of
 * names and attribute arrays, and the children of all of them wait in one shared array, from which an element
 * takes exactly its own when it ends. Each element therefore gets arrays of exactly the right length and
 * nothing is copied twice. Not thread-safe.
 */
final class ElementAssembly {

    /**
     * Largest scratch arrays kept by an assembly between documents (longer ones, grown by a huge document, are
     * dropped); they start empty, so an idle stream parser holds none.
     */
    private static final int KEPT = 256;

    private XmlLimits limits;
    /** The open elements, outermost first. */
    private XmlName[] names = new XmlName[0];
    private Object[][] attributes = new Object[0][];
    /** Where each open element's children start in {@link #nodes}. */
    private int[] firstChild = new int[0];
    private int depth;
    /** The children read so far of all open elements, outermost element's first (texts as Strings). */
    private Object[] nodes = XmlElement.NO_CHILDREN;
    private int nodeCount;
    /** The innermost element's text run not yet appended (only the innermost one can have one). */
    private @Nullable String text;
    private @Nullable StringBuilder more;

    ElementAssembly(XmlLimits limits) {
        this.limits = limits;
    }

    /** @return how many elements are open */
    int depth() {
        return depth;
    }

    /** Forgets everything open. */
    void clear() {
        if (nodes.length > KEPT || names.length > KEPT) {
            nodes = XmlElement.NO_CHILDREN;
            names = new XmlName[0];
            attributes = new Object[0][];
            firstChild = new int[0];
        } else {
            Arrays.fill(nodes, 0, nodeCount, null);
            Arrays.fill(attributes, 0, depth, null);
            Arrays.fill(names, 0, depth, null);
        }
        nodeCount = 0;
        depth = 0;
        text = null;
        more = null;
    }

    /**
     * Starts over with other limits (for an assembly reused from one document to the next).
     *
     * @param limits the limits of the next document
     * @return this assembly, empty
     */
    ElementAssembly reset(XmlLimits limits) {
        clear();
        this.limits = limits;
        return this;
    }

    /** Opens the element the reader is positioned at (a start tag); the caller has checked the depth. */
    void start(XMLStreamReader2 r) {
        start(elementName(r), attributes(r, limits));
    }

    /**
     * Opens an element read without StAX ({@link XmlScanner}); the caller has checked the depth and the
     * attributes against the limits.
     *
     * @param name the element's name
     * @param pairs its attributes as name/value pairs, handed over (never changed afterwards)
     */
    void start(XmlName name, Object[] pairs) {
        flushText();
        if (depth == names.length) {
            int size = Math.max(8, depth * 2);
            names = Arrays.copyOf(names, size);
            attributes = Arrays.copyOf(attributes, size);
            firstChild = Arrays.copyOf(firstChild, size);
        }
        names[depth] = name;
        attributes[depth] = pairs;
        firstChild[depth] = nodeCount;
        depth++;
    }

    /**
     * Closes the innermost open element (the reader is at its end tag).
     *
     * @return the element; it is also a child of its parent, if it has one
     */
    XmlElement end() {
        flushText();
        depth--;
        int from = firstChild[depth];
        int count = nodeCount - from;
        Object children;
        if (count == 0) {
            children = XmlElement.NO_CHILDREN;
        } else if (count == 1) {
            children = nodes[from]; // a sole child (the common <body>text</body>) needs no array
            nodes[from] = null;
        } else {
            children = Arrays.copyOfRange(nodes, from, nodeCount);
            Arrays.fill(nodes, from, nodeCount, null);
        }
        nodeCount = from;
        XmlElement element = new XmlElement(names[depth], attributes[depth], children);
        names[depth] = null;
        attributes[depth] = null;
        if (depth > 0) {
            add(element);
        } else if (nodes.length > KEPT) {
            nodes = XmlElement.NO_CHILDREN; // a huge document is done: do not keep its scratch space
        }
        return element;
    }

    /** Adds the text the reader is positioned at to the innermost open element, if there is one. */
    void text(XMLStreamReader2 r) {
        if (depth == 0) {
            return;
        }
        int max = limits.maxTextLength();
        int length = r.getTextLength();
        int have = more != null ? more.length() : text != null ? text.length() : 0;
        if ((long) have + length > max) {
            throw new XmlException(XmlException.Reason.TEXT_LIMIT,
                "text longer than " + max + " characters" + at(r.getLocation()));
        }
        if (text == null) {
            text = length <= RecentTexts.MAX_LENGTH
                ? RecentTexts.of(r.getTextCharacters(), r.getTextStart(), length)
                : r.getText();
        } else {
            if (more == null) {
                more = new StringBuilder(text.length() + length).append(text);
            }
            more.append(r.getTextCharacters(), r.getTextStart(), length);
        }
    }

    /**
     * Adds a text run read without StAX ({@link XmlScanner}) to the innermost open element, if there is one;
     * the caller has checked it against the limit.
     *
     * @param run the text
     */
    void text(String run) {
        if (depth == 0) {
            return;
        }
        if (text == null) {
            text = run;
        } else {
            if (more == null) {
                more = new StringBuilder(text.length() + run.length()).append(text);
            }
            more.append(run);
        }
    }

    /**
     * The start tag the reader is positioned at as an element without children (a stream header).
     *
     * @param r the reader
     * @param limits the limits its attributes are checked against
     * @return the element
     */
    static XmlElement startTag(XMLStreamReader2 r, XmlLimits limits) {
        return new XmlElement(elementName(r), attributes(r, limits), XmlElement.NO_CHILDREN);
    }

    private void flushText() {
        if (text != null) {
            add(more != null ? more.toString() : text);
            text = null;
            more = null;
        }
    }

    private void add(Object node) {
        if (nodeCount == nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(32, nodeCount * 2));
        }
        nodes[nodeCount++] = node;
    }

    private static XmlName elementName(XMLStreamReader2 r) {
        String ns = r.getNamespaceURI();
        return XmlName.of(ns == null ? "" : ns, r.getLocalName());
    }

    /** The attributes of the start tag the reader is at, as a name/value array, checked against the limits. */
    private static Object[] attributes(XMLStreamReader2 r, XmlLimits limits) {
        int count = r.getAttributeCount();
        if (count == 0) {
            return XmlElement.NO_ATTRIBUTES;
        }
        if (count > limits.maxAttributes()) {
            throw new XmlException(XmlException.Reason.ATTRIBUTE_LIMIT,
                count + " attributes on <" + r.getLocalName() + ">, over the limit of " + limits.maxAttributes()
                    + at(r.getLocation()));
        }
        Object[] pairs = new Object[count << 1];
        for (int i = 0; i < count; i++) {
            String value = r.getAttributeValue(i);
            if (value.length() > limits.maxTextLength()) {
                throw new XmlException(XmlException.Reason.TEXT_LIMIT, "attribute value longer than "
                    + limits.maxTextLength() + " characters" + at(r.getLocation()));
            }
            String ans = r.getAttributeNamespace(i);
            String local = r.getAttributeLocalName(i);
            XmlName name;
            if (ans == null || ans.isEmpty()) {
                name = XmlName.of(local);
            } else if (XmlName.XML_NS.equals(ans)) {
                name = "lang".equals(local) ? XmlName.XML_LANG : XmlName.of(ans, local);
            } else {
                String prefix = r.getAttributePrefix(i);
                name = XmlName.of(ans, local, prefix == null ? "" : prefix);
            }
            pairs[i << 1] = name;
            pairs[(i << 1) + 1] = value;
        }
        return pairs;
    }

    static XmlException restricted(String what, @Nullable Location location) {
        return new XmlException(XmlException.Reason.RESTRICTED,
            what + " is not allowed in XMPP (RFC 6120 section 11.1)" + at(location));
    }

    static XmlException malformed(String what, @Nullable Location location) {
        return new XmlException(XmlException.Reason.MALFORMED, "malformed XML: " + what + at(location));
    }

    static String at(@Nullable Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }
}
