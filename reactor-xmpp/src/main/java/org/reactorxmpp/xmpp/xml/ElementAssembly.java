package org.reactorxmpp.xmpp.xml;

import javax.xml.stream.Location;

import org.codehaus.stax2.XMLStreamReader2;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link XmlElement} trees from StAX events, with the {@link XmlLimits} checks that are the same for a
 * whole document ({@link XmlReader}, Woodstox) and for the elements of an incremental stream
 * ({@link XmlStreamParser}, Aalto): both readers implement {@link XMLStreamReader2}.
 */
final class ElementAssembly {

    private ElementAssembly() {
    }

    /** The element the reader is positioned at (a start tag), with its attributes, checked against the limits. */
    static XmlElement.Builder start(XMLStreamReader2 r, XmlLimits limits) {
        String ns = r.getNamespaceURI();
        XmlElement.Builder b = XmlElement.builder(XmlName.of(ns == null ? "" : ns, r.getLocalName()));
        int count = r.getAttributeCount();
        if (count > limits.maxAttributes()) {
            throw new XmlException(XmlException.Reason.ATTRIBUTE_LIMIT,
                count + " attributes on <" + r.getLocalName() + ">, over the limit of " + limits.maxAttributes()
                    + at(r.getLocation()));
        }
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
            b.attribute(name, value);
        }
        return b;
    }

    /** An element being read: its builder and the text run not yet appended. */
    static final class Frame {
        private final XmlElement.Builder builder;
        private @Nullable String text;
        private @Nullable StringBuilder more;

        Frame(XmlElement.Builder builder) {
            this.builder = builder;
        }

        void appendText(XMLStreamReader2 r, int max) {
            int length = r.getTextLength();
            int have = more != null ? more.length() : text != null ? text.length() : 0;
            if ((long) have + length > max) {
                throw new XmlException(XmlException.Reason.TEXT_LIMIT,
                    "text longer than " + max + " characters" + at(r.getLocation()));
            }
            if (text == null) {
                text = r.getText();
            } else {
                if (more == null) {
                    more = new StringBuilder(text.length() + length).append(text);
                }
                more.append(r.getTextCharacters(), r.getTextStart(), length);
            }
        }

        void flushText() {
            if (text != null) {
                builder.text(more != null ? more.toString() : text);
                text = null;
                more = null;
            }
        }

        void child(XmlElement element) {
            builder.child(element);
        }

        XmlElement build() {
            flushText();
            return builder.build();
        }
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
