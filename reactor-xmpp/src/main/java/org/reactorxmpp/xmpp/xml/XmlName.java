package org.reactorxmpp.xmpp.xml;

import java.util.Objects;

/**
 * A qualified XML name: namespace URI (empty for none) and local name.
 *
 * <p>A prefix may be given as a serialization hint (for example {@code xmpp} for
 * {@code xmpp:restart}); it takes no part in {@link #equals(Object)}. Names in the XML namespace
 * ({@link #XML_NS}, for example {@code xml:lang}) always use the {@code xml} prefix.
 *
 * <p>The factories may return a shared instance for a name seen before (names are immutable, so this
 * is only a saving): a small fixed-size table remembers recent names, so that a parser reading the
 * same stanzas over and over allocates no name twice. The table never grows, so names from the wire
 * cannot make it grow either; an unseen name simply replaces an older one.
 */
public final class XmlName {

    /** The namespace bound to the {@code xml} prefix by the XML specification. */
    public static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    /** {@code xml:lang}. */
    public static final XmlName XML_LANG = new XmlName(XML_NS, "lang", "xml");

    /** Recent names, two slots per hash bucket; racy by design (names are immutable, a lost entry only costs a miss). */
    private static final XmlName[] RECENT = new XmlName[2048];

    /** How many names are remembered at most. */
    static final int REMEMBERED_CAPACITY = RECENT.length;

    private final String namespace;
    private final String localName;
    private final String prefix;

    private XmlName(String namespace, String localName, String prefix) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.localName = Objects.requireNonNull(localName, "localName");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (localName.isEmpty()) {
            throw new IllegalArgumentException("empty local name");
        }
        if (!XmlChars.isName(localName) || localName.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not an XML local name: '" + localName + "'");
        }
        if (!prefix.isEmpty() && (!XmlChars.isName(prefix) || prefix.indexOf(':') >= 0)) {
            throw new IllegalArgumentException("not an XML prefix: '" + prefix + "'");
        }
    }

    /**
     * A name without namespace, as used for most attributes.
     *
     * @param localName the local name
     * @return the name
     */
    public static XmlName of(String localName) {
        return shared("", localName, "");
    }

    /**
     * A namespaced name.
     *
     * @param namespace the namespace URI, empty for none
     * @param localName the local name
     * @return the name
     */
    public static XmlName of(String namespace, String localName) {
        return shared(namespace, localName, XML_NS.equals(namespace) ? "xml" : "");
    }

    /**
     * A namespaced name with a preferred prefix for serialization.
     *
     * @param namespace the namespace URI
     * @param localName the local name
     * @param prefix the preferred prefix, empty for none
     * @return the name
     */
    public static XmlName of(String namespace, String localName, String prefix) {
        return shared(namespace, localName, XML_NS.equals(namespace) ? "xml" : prefix);
    }

    /**
     * The remembered instance of a name, or a new one (validated) that replaces the older of its bucket's two.
     * Parsers hand over the same (symbol table) strings again and again, so the comparisons mostly succeed on
     * identity.
     */
    private static XmlName shared(String namespace, String localName, String prefix) {
        int h = namespace.hashCode() * 31 + localName.hashCode();
        int slot = ((h ^ (h >>> 16)) << 1) & (RECENT.length - 1);
        XmlName first = RECENT[slot];
        if (first != null && first.same(namespace, localName, prefix)) {
            return first;
        }
        XmlName second = RECENT[slot + 1];
        if (second != null && second.same(namespace, localName, prefix)) {
            return second;
        }
        XmlName made = new XmlName(namespace, localName, prefix);
        RECENT[slot + 1] = first;
        RECENT[slot] = made;
        return made;
    }

    /** @return how many names are remembered now (for tests) */
    static int remembered() {
        int n = 0;
        for (XmlName name : RECENT) {
            if (name != null) {
                n++;
            }
        }
        return n;
    }

    private boolean same(String namespace, String localName, String prefix) {
        return this.localName.equals(localName) && this.namespace.equals(namespace) && this.prefix.equals(prefix);
    }

    /** @return the namespace URI, empty when the name is in no namespace */
    public String namespace() {
        return namespace;
    }

    /** @return the local name */
    public String localName() {
        return localName;
    }

    /** @return the preferred prefix (a serialization hint), empty for none */
    public String prefix() {
        return prefix;
    }

    /**
     * Whether this name has the given namespace and local name.
     *
     * @param namespace the namespace URI
     * @param localName the local name
     * @return {@code true} when both match
     */
    public boolean is(String namespace, String localName) {
        return this.localName.equals(localName) && this.namespace.equals(namespace);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof XmlName)) {
            return false;
        }
        XmlName other = (XmlName) o;
        return localName.equals(other.localName) && namespace.equals(other.namespace);
    }

    @Override
    public int hashCode() {
        return 31 * namespace.hashCode() + localName.hashCode();
    }

    /** @return Clark notation: {@code {namespace}localName}, or the bare local name */
    @Override
    public String toString() {
        return namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
    }
}
