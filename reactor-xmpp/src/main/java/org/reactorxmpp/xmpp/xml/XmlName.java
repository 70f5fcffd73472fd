package org.reactorxmpp.xmpp.xml;

import java.util.Objects;

/**
 * A qualified XML name: namespace URI (empty for none) and local name.
 *
 * <p>A prefix may be given as a serialization hint (for example {@code xmpp} for
 * {@code xmpp:restart}); it takes no part in {@link #equals(Object)}. Names in the XML namespace
 * ({@link #XML_NS}, for example {@code xml:lang}) always use the {@code xml} prefix.
 */
public final class XmlName {

    /** The namespace bound to the {@code xml} prefix by the XML specification. */
    public static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    /** {@code xml:lang}. */
    public static final XmlName XML_LANG = new XmlName(XML_NS, "lang", "xml");

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
        return new XmlName("", localName, "");
    }

    /**
     * A namespaced name.
     *
     * @param namespace the namespace URI, empty for none
     * @param localName the local name
     * @return the name
     */
    public static XmlName of(String namespace, String localName) {
        return new XmlName(namespace, localName, XML_NS.equals(namespace) ? "xml" : "");
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
        return new XmlName(namespace, localName, XML_NS.equals(namespace) ? "xml" : prefix);
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
