package org.reactorxmpp.xmpp.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.ScannedSymbols.Symbol;

/**
 * Reads one UTF-8 document held in memory into an {@link XmlElement} tree, straight from its bytes: the
 * in-memory path of {@link XmlReader} (its stream path uses Woodstox). Only the restricted XML of RFC 6120
 * section 11.1 is accepted, with the same typed failures and limits as the stream path: a document type
 * declaration, a comment, a processing instruction or a reference to an entity other than the five predefined
 * ones is {@code RESTRICTED}; anything that is not well-formed, namespace-well-formed UTF-8 XML 1.0 is
 * {@code MALFORMED}; depth, attribute count (namespace declarations counted apart) and text length are checked
 * as they are read. The caller has checked the document's size.
 *
 * <p>The whole document is in memory, so nothing is buffered twice: names are looked up by their bytes in a
 * small table ({@link ScannedSymbols}), plain ASCII attribute values and texts become strings in one copy,
 * and end tags are checked against their start tags byte for byte. One scanner per thread, reused; not
 * thread-safe.
 */
final class XmlScanner extends ScannedBytes {

    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final byte[] CDATA_OPEN = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);
    /** Scratch arrays longer than this are dropped after a document. */
    private static final int KEPT = 4096;

    /** ASCII bytes that stand for themselves in text: not {@code < & ]}, no control but tab and newline. */
    private static final boolean[] TEXT = new boolean[128];
    /** ASCII bytes that stand for themselves in an attribute value: not {@code < & ' "}, no control at all. */
    private static final boolean[] VALUE = new boolean[128];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            TEXT[c] = c != '<' && c != '&' && c != ']';
            VALUE[c] = c != '<' && c != '&' && c != '\'' && c != '"';
        }
        TEXT['\t'] = true;
        TEXT['\n'] = true;
    }

    private final ElementAssembly tree = new ElementAssembly(XmlLimits.DEFAULTS);
    private final ScannedSymbols names = new ScannedSymbols();
    private final ScannedSymbols uris = new ScannedSymbols();

    private XmlLimits limits = XmlLimits.DEFAULTS;
    /** The attribute value read by {@link #value}. */
    private String lastValue = "";
    /** Where the value read by {@link #declared} starts. */
    private int valueFrom;

    /** The open elements: where each one's qualified name is in the input, and its first namespace binding. */
    private int[] openAt = new int[16];
    private int[] openLength = new int[16];
    private int[] openBindings = new int[16];
    private int depth;
    private @Nullable XmlElement root;

    /** The namespace bindings in scope, outermost first. */
    private String[] boundPrefix = new String[16];
    private String[] boundUri = new String[16];
    private int bindings;

    /** The attributes of the start tag being read. */
    private Symbol[] attributeName = new Symbol[16];
    private String[] attributeValue = new String[16];

    /**
     * @param bytes the input
     * @param offset where the document starts
     * @param length its length in bytes, within the size limit
     * @param limits the limits
     * @return the root element
     * @throws XmlException when the document is refused
     */
    XmlElement read(byte[] bytes, int offset, int length, XmlLimits limits) {
        this.buf = bytes;
        this.base = offset;
        this.end = offset + length;
        this.limits = limits;
        tree.reset(limits);
        try {
            int p = prolog(declaration(offset));
            p = content(p);
            epilog(p);
            XmlElement r = root;
            if (r == null) {
                throw malformed("no root element", p);
            }
            return r;
        } finally {
            clear();
        }
    }

    private void clear() {
        tree.clear();
        buf = NONE;
        root = null;
        depth = 0;
        Arrays.fill(boundPrefix, null);
        Arrays.fill(boundUri, null);
        bindings = 0;
        Arrays.fill(attributeValue, null);
        if (chars.length > KEPT) {
            chars = new char[256];
        }
        if (boundPrefix.length > KEPT / 16) {
            boundPrefix = new String[16];
            boundUri = new String[16];
        }
    }


    // --- document structure ----------------------------------------------------------------------------

    /** Skips a byte order mark and an XML declaration, checking that it says version 1.0 and UTF-8. */
    private int declaration(int p) {
        if (end - p >= 3 && buf[p] == (byte) 0xEF && buf[p + 1] == (byte) 0xBB && buf[p + 2] == (byte) 0xBF) {
            p += 3;
        }
        if (!startsWith(p, "<?xml") || p + 5 >= end || !isSpace(buf[p + 5])) {
            return p;
        }
        int q = skipSpace(p + 5);
        if (!startsWith(q, "version")) {
            throw malformed("XML declaration without a version", q);
        }
        q = declared(q + 7);
        String version = ascii(valueFrom, q - 1);
        if (!"1.0".equals(version)) {
            throw malformed("XML version " + version + " (only 1.0 is accepted)", valueFrom);
        }
        int s = skipSpace(q);
        if (s > q && startsWith(s, "encoding")) {
            q = declared(s + 8);
            String encoding = ascii(valueFrom, q - 1);
            if (!"UTF-8".equalsIgnoreCase(encoding)) {
                throw malformed("declared encoding " + encoding + " (only UTF-8 is accepted)", valueFrom);
            }
            s = skipSpace(q);
        }
        if (s > q && startsWith(s, "standalone")) {
            q = declared(s + 10);
            String standalone = ascii(valueFrom, q - 1);
            if (!"yes".equals(standalone) && !"no".equals(standalone)) {
                throw malformed("standalone='" + standalone + "' in the XML declaration", valueFrom);
            }
            s = skipSpace(q);
        }
        if (!startsWith(s, "?>")) {
            throw malformed("unexpected content in the XML declaration", s);
        }
        return s + 2;
    }

    /** Reads {@code = 'value'} of the XML declaration; {@link #valueFrom} is where the value starts. */
    private int declared(int p) {
        p = skipSpace(p);
        if (p >= end || buf[p] != '=') {
            throw malformedOrTruncated("'=' expected in the XML declaration", p);
        }
        p = skipSpace(p + 1);
        if (p >= end || (buf[p] != '\'' && buf[p] != '"')) {
            throw malformedOrTruncated("quoted value expected in the XML declaration", p);
        }
        byte quote = buf[p];
        valueFrom = p + 1;
        for (int q = p + 1; q < end; q++) {
            if (buf[q] == quote) {
                return q + 1;
            }
            if (buf[q] == '<' || buf[q] == '>') {
                break;
            }
        }
        throw malformedOrTruncated("unterminated value in the XML declaration", p);
    }

    /** Skips whitespace before the root element, refusing what RFC 6120 forbids; returns where its name starts. */
    private int prolog(int p) {
        p = skipSpace(p);
        if (p >= end) {
            throw malformed("no root element", p);
        }
        if (buf[p] != '<') {
            throw malformed("content before the root element", p);
        }
        if (p + 1 >= end) {
            throw truncated(p);
        }
        refuseMarkup(p);
        return p + 1;
    }

    /** After the root element only whitespace may follow. */
    private void epilog(int p) {
        p = skipSpace(p);
        if (p >= end) {
            return;
        }
        if (buf[p] == '<' && p + 1 < end) {
            refuseMarkup(p);
            throw malformed("a second root element", p);
        }
        throw malformed("content after the root element", p);
    }

    /** Fails on a comment, processing instruction, declaration or stray {@code <!} at {@code p}. */
    private void refuseMarkup(int p) {
        byte c = buf[p + 1];
        if (c == '?') {
            if (startsWith(p, "<?xml") && p + 5 < end && (isSpace(buf[p + 5]) || buf[p + 5] == '?')) {
                throw malformed("XML declaration not at the start of the document", p);
            }
            throw restricted("processing instruction", p);
        }
        if (c == '!') {
            if (startsWith(p, "<!--")) {
                throw restricted("comment", p);
            }
            if (startsWith(p, "<!DOCTYPE")) {
                throw restricted("document type declaration", p);
            }
            throw malformed("unexpected '<!'", p);
        }
    }

    /** Reads the root element, whose name starts at {@code p}; returns where it ends. */
    private int content(int p) {
        p = startTag(p);
        while (depth > 0) {
            if (p >= end) {
                throw truncated(p);
            }
            if (buf[p] != '<') {
                p = text(p);
                continue;
            }
            if (p + 1 >= end) {
                throw truncated(p);
            }
            byte c = buf[p + 1];
            if (c == '/') {
                p = endTag(p + 2);
            } else if (c == '!' && startsWith(p, CDATA_OPEN)) {
                p = text(p);
            } else if (c == '!' || c == '?') {
                refuseMarkup(p);
            } else {
                p = startTag(p + 1);
            }
        }
        return p;
    }

    // --- tags ----------------------------------------------------------------------------------------------

    /** Reads a start tag whose name starts at {@code p}; returns where it ends. */
    private int startTag(int p) {
        if (depth >= limits.maxDepth()) {
            throw new XmlException(XmlException.Reason.DEPTH_LIMIT,
                "element nesting deeper than " + limits.maxDepth() + location(p - 1));
        }
        int nameEnd = scanName(p);
        if (nameEnd == p) {
            throw malformedOrTruncated("element name expected", p);
        }
        Symbol element = symbol(p, nameEnd);
        int firstBinding = bindings;
        int count = 0;
        int q = nameEnd;
        boolean empty;
        while (true) {
            int s = skipSpace(q);
            if (s >= end) {
                throw truncated(s);
            }
            byte b = buf[s];
            if (b == '>') {
                q = s + 1;
                empty = false;
                break;
            }
            if (b == '/') {
                if (s + 1 < end && buf[s + 1] == '>') {
                    q = s + 2;
                    empty = true;
                    break;
                }
                throw malformedOrTruncated("'>' expected after '/'", s + 1);
            }
            int an = scanName(s);
            if (an == s) {
                throw malformed("unexpected " + describe(s) + " in the start tag of <" + element.text + ">", s);
            }
            if (s == q) {
                throw malformed("whitespace expected before attribute", s);
            }
            Symbol attribute = symbol(s, an);
            int v = skipSpace(an);
            if (v >= end || buf[v] != '=') {
                throw malformedOrTruncated("'=' expected after attribute " + attribute.text, v);
            }
            v = skipSpace(v + 1);
            if (v >= end || (buf[v] != '\'' && buf[v] != '"')) {
                throw malformedOrTruncated("quoted value expected for attribute " + attribute.text, v);
            }
            if (attribute.declaresDefault || attribute.declaresPrefix) {
                q = value(v + 1, buf[v], true);
                bind(attribute, firstBinding, s);
            } else {
                if (count == limits.maxAttributes()) {
                    throw new XmlException(XmlException.Reason.ATTRIBUTE_LIMIT, "more than " + limits.maxAttributes()
                        + " attributes on <" + element.text + ">" + location(s));
                }
                if (count == attributeName.length) {
                    attributeName = Arrays.copyOf(attributeName, count * 2);
                    attributeValue = Arrays.copyOf(attributeValue, count * 2);
                }
                q = value(v + 1, buf[v], false);
                attributeName[count] = attribute;
                attributeValue[count] = lastValue;
                count++;
            }
        }
        String ns = uriOf(element.prefix, p);
        tree.start(element.elementName(ns), count == 0 ? XmlElement.NO_ATTRIBUTES : attributes(count, p));
        if (depth == openAt.length) {
            openAt = Arrays.copyOf(openAt, depth * 2);
            openLength = Arrays.copyOf(openLength, depth * 2);
            openBindings = Arrays.copyOf(openBindings, depth * 2);
        }
        openAt[depth] = p;
        openLength[depth] = nameEnd - p;
        openBindings[depth] = firstBinding;
        depth++;
        if (empty) {
            close();
        }
        return q;
    }

    /** The attributes read as name/value pairs, with their names resolved and checked for duplicates. */
    private Object[] attributes(int count, int at) {
        Object[] pairs = new Object[count << 1];
        for (int i = 0; i < count; i++) {
            Symbol s = attributeName[i];
            XmlName name = s.attributeName(s.prefix.isEmpty() ? "" : uriOf(s.prefix, at));
            for (int j = 0; j < i; j++) {
                if (pairs[j << 1].equals(name)) {
                    throw malformed("attribute " + s.text + " given twice (as " + name + ")", at);
                }
            }
            pairs[i << 1] = name;
            pairs[(i << 1) + 1] = attributeValue[i];
            attributeValue[i] = null;
        }
        return pairs;
    }

    /** Reads an end tag whose name starts at {@code p}; returns where it ends. */
    private int endTag(int p) {
        int top = depth - 1;
        int from = openAt[top];
        int n = openLength[top];
        if (p + n > end || !Arrays.equals(buf, p, p + n, buf, from, from + n)
            || (p + n < end && isNameByte(buf[p + n]))) {
            int nameEnd = scanName(p);
            if (nameEnd == end) {
                throw truncated(end);
            }
            throw malformed("end tag </" + new String(buf, p, nameEnd - p, StandardCharsets.UTF_8)
                + "> does not match <" + new String(buf, from, n, StandardCharsets.UTF_8) + ">", p);
        }
        int q = skipSpace(p + n);
        if (q >= end || buf[q] != '>') {
            throw malformedOrTruncated("'>' expected to end </" + new String(buf, from, n, StandardCharsets.UTF_8)
                + ">", q);
        }
        close();
        return q + 1;
    }

    private void close() {
        XmlElement element = tree.end();
        depth--;
        bindings = openBindings[depth]; // what is left above is overwritten, or cleared after the document
        if (depth == 0) {
            root = element;
        }
    }

    // --- namespaces --------------------------------------------------------------------------------------

    /** Binds the namespace just read as {@link #lastValue} (an interned URI) for a declaration. */
    private void bind(Symbol declaration, int firstBinding, int at) {
        String prefix = declaration.declaresDefault ? "" : declaration.local;
        String uri = lastValue;
        if (declaration.declaresPrefix) {
            if ("xmlns".equals(prefix)) {
                throw malformed("the prefix xmlns cannot be declared", at);
            }
            if ("xml".equals(prefix)) {
                if (!XmlName.XML_NS.equals(uri)) {
                    throw malformed("the prefix xml cannot be bound to " + uri, at);
                }
                return; // always bound
            }
            if (uri.isEmpty()) {
                throw malformed("the prefix " + prefix + " cannot be undeclared in XML 1.0", at);
            }
        }
        if (XmlName.XML_NS.equals(uri) || XMLNS_NS.equals(uri)) {
            throw malformed("the namespace " + uri + " cannot be bound to " + declaration.text, at);
        }
        for (int i = firstBinding; i < bindings; i++) {
            if (boundPrefix[i].equals(prefix)) {
                throw malformed(declaration.text + " declared twice", at);
            }
        }
        if (bindings - firstBinding == limits.maxAttributes()) {
            throw new XmlException(XmlException.Reason.ATTRIBUTE_LIMIT, "more than " + limits.maxAttributes()
                + " namespace declarations on one element" + location(at));
        }
        if (bindings == boundPrefix.length) {
            boundPrefix = Arrays.copyOf(boundPrefix, bindings * 2);
            boundUri = Arrays.copyOf(boundUri, bindings * 2);
        }
        boundPrefix[bindings] = prefix;
        boundUri[bindings] = uri;
        bindings++;
    }

    /** The namespace bound to a prefix ("" for the default namespace, which may be none). */
    private String uriOf(String prefix, int at) {
        for (int i = bindings - 1; i >= 0; i--) {
            if (boundPrefix[i].equals(prefix)) {
                return boundUri[i];
            }
        }
        if (prefix.isEmpty()) {
            return "";
        }
        if ("xml".equals(prefix)) {
            return XmlName.XML_NS;
        }
        throw malformed("undeclared namespace prefix " + prefix, at);
    }

    // --- names ---------------------------------------------------------------------------------------------

    /** The qualified name from {@code from} to {@code to} (hash in {@link #hash}), checked when new. */
    private Symbol symbol(int from, int to) {
        Symbol s = names.find(buf, from, to, hash);
        if (s != null) {
            return s;
        }
        int h = hash;
        len = 0;
        for (int p = from; p < to; ) {
            p = buf[p] >= 0 ? append(p) : utf8(p);
        }
        String q = new String(chars, 0, len);
        int colon = q.indexOf(':');
        String prefix = colon < 0 ? "" : q.substring(0, colon);
        String local = colon < 0 ? q : q.substring(colon + 1);
        if ((colon >= 0 && !XmlChars.isName(prefix)) || !XmlChars.isName(local) || local.indexOf(':') >= 0) {
            throw malformed("'" + q + "' is not a qualified XML name", from);
        }
        return names.remember(new Symbol(Arrays.copyOfRange(buf, from, to), h, q, prefix, local));
    }

    // --- attribute values ----------------------------------------------------------------------------------

    /**
     * Reads an attribute value after its opening quote into {@link #lastValue}; returns where it ends.
     *
     * @param intern whether the value is a namespace URI (then it is shared with earlier ones)
     */
    private int value(int p, byte quote, boolean intern) {
        int from = p;
        byte[] b = buf;
        int e = end;
        while (p < e) {
            int c = b[p];
            if (c < 0 || !VALUE[c]) {
                break;
            }
            p++;
        }
        if (p < e && b[p] == quote) {
            int n = p - from;
            if (n > limits.maxTextLength()) {
                throw valueTooLong(from);
            }
            lastValue = intern ? uri(from, p) : new String(b, from, n, StandardCharsets.ISO_8859_1);
            return p + 1;
        }
        startChars(from, p);
        int max = limits.maxTextLength();
        while (true) {
            if (p >= e) {
                throw truncated(p);
            }
            int c = b[p];
            if (c == quote) {
                break;
            }
            if (c >= 0 && VALUE[c]) {
                p = append(p);
            } else if (c == '\'' || c == '"') {
                p = append(p);
            } else if (c == '&') {
                p = reference(p + 1);
            } else if (c == '\t' || c == '\n') {
                appendChar(' ');
                p++;
            } else if (c == '\r') {
                appendChar(' ');
                p = p + 1 < e && b[p + 1] == '\n' ? p + 2 : p + 1;
            } else if (c == '<') {
                throw malformed("'<' in an attribute value", p);
            } else if (c < 0) {
                p = utf8(p);
            } else {
                throw illegal(c, p);
            }
            if (len > max) {
                throw valueTooLong(from);
            }
        }
        lastValue = new String(chars, 0, len);
        return p + 1;
    }

    private String uri(int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        Symbol s = uris.find(buf, from, to, h);
        if (s == null) {
            String u = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
            s = uris.remember(new Symbol(Arrays.copyOfRange(buf, from, to), h, u, "", u));
        }
        return s.text;
    }

    private XmlException valueTooLong(int at) {
        return new XmlException(XmlException.Reason.TEXT_LIMIT,
            "attribute value longer than " + limits.maxTextLength() + " characters" + location(at));
    }

    // --- text ----------------------------------------------------------------------------------------------

    /** Reads a text run (character data, references, CDATA sections) up to the next tag; returns where it ends. */
    private int text(int p) {
        int from = p;
        byte[] b = buf;
        int e = end;
        while (p < e) {
            int c = b[p];
            if (c < 0 || !TEXT[c]) {
                break;
            }
            p++;
        }
        if (p < e && b[p] == '<' && (p + 1 == e || b[p + 1] != '!' || !startsWith(p, CDATA_OPEN))) {
            int n = p - from;
            if (n > limits.maxTextLength()) {
                throw textTooLong(from);
            }
            tree.text(n <= RecentTexts.MAX_LENGTH ? RecentTexts.of(b, from, n)
                : new String(b, from, n, StandardCharsets.ISO_8859_1));
            return p;
        }
        startChars(from, p);
        int max = limits.maxTextLength();
        while (true) {
            if (p >= e) {
                throw truncated(p);
            }
            int c = b[p];
            if (c >= 0 && TEXT[c]) {
                p = append(p);
            } else if (c == '<') {
                if (!startsWith(p, CDATA_OPEN)) {
                    break;
                }
                p = cdata(p + CDATA_OPEN.length, max, from);
            } else if (c == '&') {
                p = reference(p + 1);
            } else if (c == ']') {
                if (p + 2 < e && b[p + 1] == ']' && b[p + 2] == '>') {
                    throw malformed("']]>' in text", p);
                }
                p = append(p);
            } else if (c == '\r') {
                appendChar('\n');
                p = p + 1 < e && b[p + 1] == '\n' ? p + 2 : p + 1;
            } else if (c < 0) {
                p = utf8(p);
            } else {
                throw illegal(c, p);
            }
            if (len > max) {
                throw textTooLong(from);
            }
        }
        if (len > 0) {
            tree.text(len <= RecentTexts.MAX_LENGTH ? RecentTexts.of(chars, 0, len) : new String(chars, 0, len));
        }
        return p;
    }

    /** Appends a CDATA section's content (after {@code <![CDATA[}); returns where the section ends. */
    private int cdata(int p, int max, int runStart) {
        byte[] b = buf;
        int e = end;
        while (true) {
            if (p >= e) {
                throw truncated(p);
            }
            int c = b[p];
            if (c == ']' && p + 2 < e && b[p + 1] == ']' && b[p + 2] == '>') {
                return p + 3;
            }
            if (c >= 0x20 || c == '\t' || c == '\n') {
                p = append(p);
            } else if (c == '\r') {
                appendChar('\n');
                p = p + 1 < e && b[p + 1] == '\n' ? p + 2 : p + 1;
            } else if (c < 0) {
                p = utf8(p);
            } else {
                throw illegal(c, p);
            }
            if (len > max) {
                throw textTooLong(runStart);
            }
        }
    }

    private XmlException textTooLong(int at) {
        return new XmlException(XmlException.Reason.TEXT_LIMIT,
            "text longer than " + limits.maxTextLength() + " characters" + location(at));
    }
}
