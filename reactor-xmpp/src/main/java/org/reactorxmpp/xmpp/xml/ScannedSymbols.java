package org.reactorxmpp.xmpp.xml;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The names (and namespace URIs) that {@link XmlScanner} met recently, keyed by their UTF-8 bytes, so that a
 * name seen before costs one hash and one byte comparison instead of a decode, a validation and new strings.
 * A fixed table of {@value #SIZE} entries, one per hash bucket: it never grows, so names from the wire cannot
 * make it grow either (a new name replaces the one in its bucket). Each scanner has its own (not thread-safe).
 */
final class ScannedSymbols {

    static final int SIZE = 512;

    private final Symbol[] table = new Symbol[SIZE];

    /**
     * @param buf the bytes
     * @param from where the symbol starts
     * @param to where it ends (exclusive)
     * @param hash {@code 31 * h + b} over its bytes
     * @return the remembered symbol with those bytes, or {@code null}
     */
    @Nullable Symbol find(byte[] buf, int from, int to, int hash) {
        Symbol s = table[slot(hash)];
        if (s != null && s.hash == hash && Arrays.equals(s.key, 0, s.key.length, buf, from, to)) {
            return s;
        }
        return null;
    }

    /**
     * Remembers a symbol, replacing the one in its bucket.
     *
     * @param s the symbol
     * @return the symbol
     */
    Symbol remember(Symbol s) {
        table[slot(s.hash)] = s;
        return s;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SIZE - 1);
    }

    /**
     * A qualified name as written ({@code prefix:local} or {@code local}) or a namespace URI (then
     * {@link #text} is the URI and the name parts are unused), with the last names resolved from it.
     */
    static final class Symbol {
        final byte[] key;
        final int hash;
        /** The whole text: the qualified name or the URI. */
        final String text;
        /** The prefix, empty for none. */
        final String prefix;
        final String local;
        /** Whether this is {@code xmlns} (a default namespace declaration). */
        final boolean declaresDefault;
        /** Whether this is {@code xmlns:p} (a prefix declaration). */
        final boolean declaresPrefix;
        // the name this symbol had as an element (attribute) the last time, and the namespace it resolved to
        private @Nullable String elementNs;
        private @Nullable XmlName element;
        private @Nullable String attributeNs;
        private @Nullable XmlName attribute;

        Symbol(byte[] key, int hash, String text, String prefix, String local) {
            this.key = key;
            this.hash = hash;
            this.text = text;
            this.prefix = prefix;
            this.local = local;
            this.declaresDefault = prefix.isEmpty() && "xmlns".equals(local);
            this.declaresPrefix = "xmlns".equals(prefix);
        }

        /**
         * @param ns the namespace the element's prefix resolved to
         * @return the element's name (no prefix hint: elements are written with default declarations)
         */
        XmlName elementName(String ns) {
            XmlName n = element;
            if (n == null || ns != elementNs) {
                n = XmlName.of(ns, local);
                element = n;
                elementNs = ns;
            }
            return n;
        }

        /**
         * @param ns the namespace the attribute's prefix resolved to, empty for none
         * @return the attribute's name, keeping the prefix as a hint
         */
        XmlName attributeName(String ns) {
            XmlName n = attribute;
            if (n == null || ns != attributeNs) {
                if (prefix.isEmpty()) {
                    n = XmlName.of(local);
                } else if (XmlName.XML_NS.equals(ns) && "lang".equals(local)) {
                    n = XmlName.XML_LANG;
                } else {
                    n = XmlName.of(ns, local, prefix);
                }
                attribute = n;
                attributeNs = ns;
            }
            return n;
        }
    }
}
