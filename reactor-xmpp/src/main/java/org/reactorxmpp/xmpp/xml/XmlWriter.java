package org.reactorxmpp.xmpp.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serializes {@link XmlElement}s straight to UTF-8 bytes.
 *
 * <p>Text and attribute values are escaped ({@code & < > " '} as entities, and {@code \r}, so that
 * it survives a round trip). Characters that XML 1.0 cannot carry (most C0 controls, U+FFFE,
 * U+FFFF, unpaired surrogates) are refused with an {@link XmlException} of reason
 * {@link XmlException.Reason#ILLEGAL_CHARACTER}. Namespaces are declared minimally: a default
 * namespace declaration only where an element's namespace differs from its parent's, prefixes only
 * for namespaced attributes.
 *
 * <pre>{@code
 * byte[] bytes = XmlWriter.toBytes(element);
 * XmlWriter.write(element, outputStream);
 * }</pre>
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    /**
     * Serializes an element.
     *
     * @param element the element
     * @return its UTF-8 encoding
     * @throws XmlException when it holds a character XML 1.0 cannot carry
     */
    public static byte[] toBytes(XmlElement element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(element, out);
        return out.toByteArray();
    }

    /**
     * Serializes an element into a String (for logs and tests; the wire uses {@link #toBytes}).
     *
     * @param element the element
     * @return the XML text
     */
    public static String toString(XmlElement element) {
        return new String(toBytes(element), StandardCharsets.UTF_8);
    }

    /**
     * Serializes an element as UTF-8 into a stream, as the child of a parent whose default
     * namespace is empty.
     *
     * @param element the element
     * @param out the destination; not closed
     * @throws XmlException when it holds a character XML 1.0 cannot carry, or on I/O failure
     */
    public static void write(XmlElement element, OutputStream out) {
        write(element, "", out);
    }

    /**
     * Serializes an element as UTF-8 into a stream, as the child of a parent whose default namespace
     * is {@code parentNamespace} (so that {@code <message/>} inside a {@code jabber:client} body
     * gets no redundant declaration).
     *
     * @param element the element
     * @param parentNamespace the in-scope default namespace at the insertion point
     * @param out the destination; not closed
     */
    public static void write(XmlElement element, String parentNamespace, OutputStream out) {
        try {
            Utf8Sink sink = new Utf8Sink(out);
            sink.element(element, parentNamespace, null);
            sink.finish();
        } catch (IOException e) {
            throw new XmlException(XmlException.Reason.IO, "write failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new XmlException(XmlException.Reason.IO, "write failed: " + e.getMessage(), e.getCause());
        }
    }

    /** Prefix bindings in scope, as an immutable linked list (elements rarely declare any). */
    private static final class Scope {
        final String prefix;
        final String namespace;
        final Scope next;

        Scope(String prefix, String namespace, Scope next) {
            this.prefix = prefix;
            this.namespace = namespace;
            this.next = next;
        }

        static String prefixFor(Scope s, String namespace) {
            for (; s != null; s = s.next) {
                if (s.namespace.equals(namespace)) {
                    return s.prefix;
                }
            }
            return null;
        }

        static boolean bound(Scope s, String prefix) {
            for (; s != null; s = s.next) {
                if (s.prefix.equals(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Utf8Sink {
        private final OutputStream out;
        private final byte[] buf = new byte[512];
        private int pos;

        Utf8Sink(OutputStream out) {
            this.out = out;
        }

        void element(XmlElement e, String parentNs, Scope scope) throws IOException {
            ascii('<');
            name(e.localName());
            String ns = e.namespace();
            if (!ns.equals(parentNs)) {
                ascii(" xmlns=\"");
                escaped(ns, true);
                ascii('"');
            }
            for (int ai = 0, count = e.attributeCount(); ai < count; ai++) {
                XmlName an = e.attributeName(ai);
                String ans = an.namespace();
                ascii(' ');
                if (!ans.isEmpty()) {
                    String prefix;
                    if (XmlName.XML_NS.equals(ans)) {
                        prefix = "xml";
                    } else {
                        prefix = Scope.prefixFor(scope, ans);
                        if (prefix == null) {
                            // "xml..." prefixes are reserved (xml, xmlns): never bind one to another namespace
                            prefix = an.prefix().isEmpty() || an.prefix().regionMatches(true, 0, "xml", 0, 3)
                                ? "ns" : an.prefix();
                            String base = prefix;
                            for (int i = 1; Scope.bound(scope, prefix); i++) {
                                prefix = base + i;
                            }
                            scope = new Scope(prefix, ans, scope);
                            ascii("xmlns:");
                            name(prefix);
                            ascii("=\"");
                            escaped(ans, true);
                            ascii("\" ");
                        }
                    }
                    name(prefix);
                    ascii(':');
                }
                name(an.localName());
                ascii("=\"");
                escaped(e.attributeValue(ai), true);
                ascii('"');
            }
            int children = e.childCount();
            if (children == 0) {
                ascii("/>");
            } else {
                ascii('>');
                for (int ci = 0; ci < children; ci++) {
                    Object child = e.child(ci);
                    if (child instanceof XmlElement) {
                        element((XmlElement) child, ns, scope);
                    } else {
                        escaped((String) child, false);
                    }
                }
                ascii("</");
                name(e.localName());
                ascii('>');
            }
        }

        void finish() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }

        private void ensure(int n) throws IOException {
            if (pos + n > buf.length) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }

        private void ascii(char c) throws IOException {
            ensure(1);
            buf[pos++] = (byte) c;
        }

        private void ascii(String s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                ascii(s.charAt(i));
            }
        }

        private void name(String s) throws IOException {
            // names were validated when the XmlName was made; encode as UTF-8 without escaping
            for (int i = 0; i < s.length(); i++) {
                int cp = s.codePointAt(i);
                if (Character.isSupplementaryCodePoint(cp)) {
                    i++;
                }
                codePoint(cp);
            }
        }

        private void escaped(String s, boolean attribute) throws IOException {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&': ascii("&amp;"); continue;
                    case '<': ascii("&lt;"); continue;
                    case '>': ascii("&gt;"); continue;
                    case '"': if (attribute) { ascii("&quot;"); continue; } break;
                    case '\'': if (attribute) { ascii("&apos;"); continue; } break;
                    case '\r': ascii("&#xD;"); continue;
                    case '\n': if (attribute) { ascii("&#xA;"); continue; } break;
                    case '\t': if (attribute) { ascii("&#x9;"); continue; } break;
                    default: break;
                }
                if (c < 0x80) {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        throw illegal(s, i);
                    }
                    ensure(1);
                    buf[pos++] = (byte) c;
                } else if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw illegal(s, i);
                    }
                    codePoint(Character.toCodePoint(c, s.charAt(++i)));
                } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                    throw illegal(s, i);
                } else {
                    codePoint(c);
                }
            }
        }

        private static XmlException illegal(String s, int i) {
            return new XmlException(XmlException.Reason.ILLEGAL_CHARACTER,
                String.format("character U+%04X at index %d cannot be represented in XML 1.0", (int) s.charAt(i), i));
        }

        private void codePoint(int cp) throws IOException {
            ensure(4);
            if (cp < 0x80) {
                buf[pos++] = (byte) cp;
            } else if (cp < 0x800) {
                buf[pos++] = (byte) (0xC0 | (cp >> 6));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                buf[pos++] = (byte) (0xE0 | (cp >> 12));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
    }
}
