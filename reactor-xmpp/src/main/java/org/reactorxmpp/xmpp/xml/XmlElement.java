package org.reactorxmpp.xmpp.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * An immutable XML element: a qualified name, attributes in document order, and children (elements
 * and text runs) in document order. Unknown content is kept as it is, so an element read from the
 * wire and written back says the same thing.
 *
 * <p>Equality is structural: same name, same attributes (order ignored), same children in the
 * same order, where adjacent text runs are compared as their concatenation. {@link #toString()}
 * is the serialized XML.
 *
 * <pre>{@code
 * XmlElement message = XmlElement.builder("jabber:client", "message")
 *     .attribute("to", "juliet@example.com")
 *     .attribute("type", "chat")
 *     .child(XmlElement.builder("jabber:client", "body").text("Art thou not Romeo?").build())
 *     .build();
 * String body = message.childText(XmlName.of("jabber:client", "body")); // "Art thou not Romeo?"
 * }</pre>
 */
public final class XmlElement implements XmlNode {

    /** The namespace of namespace declarations, which are never attributes of the model. */
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private final XmlName name;
    private final Map<XmlName, String> attributes;
    private final List<XmlNode> children;
    private int hash;

    private XmlElement(XmlName name, Map<XmlName, String> attributes, List<XmlNode> children) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
    }

    /**
     * Starts an element.
     *
     * @param namespace the element's namespace URI (empty for none)
     * @param localName the element's local name
     * @return a new builder
     */
    public static Builder builder(String namespace, String localName) {
        return new Builder(XmlName.of(namespace, localName));
    }

    /**
     * Starts an element.
     *
     * @param name the element's name
     * @return a new builder
     */
    public static Builder builder(XmlName name) {
        return new Builder(name);
    }

    /**
     * An empty element.
     *
     * @param namespace namespace URI
     * @param localName local name
     * @return the element, without attributes or children
     */
    public static XmlElement empty(String namespace, String localName) {
        return new Builder(XmlName.of(namespace, localName)).build();
    }

    /** @return the qualified name */
    public XmlName name() {
        return name;
    }

    /** @return the namespace URI, empty for none */
    public String namespace() {
        return name.namespace();
    }

    /** @return the local name */
    public String localName() {
        return name.localName();
    }

    /**
     * Whether this element has the given namespace and local name.
     *
     * @param namespace namespace URI
     * @param localName local name
     * @return {@code true} when both match
     */
    public boolean is(String namespace, String localName) {
        return name.is(namespace, localName);
    }

    /** @return the attributes in document order, unmodifiable */
    public Map<XmlName, String> attributes() {
        return attributes;
    }

    /**
     * The value of an attribute that is in no namespace.
     *
     * @param localName the attribute's name
     * @return its value, or {@code null}
     */
    public @Nullable String attribute(String localName) {
        return attributes.get(XmlName.of(localName));
    }

    /**
     * The value of an attribute.
     *
     * @param name the attribute's qualified name
     * @return its value, or {@code null}
     */
    public @Nullable String attribute(XmlName name) {
        return attributes.get(name);
    }

    /** @return the children (elements and text) in document order, unmodifiable */
    public List<XmlNode> children() {
        return children;
    }

    /** @return the child elements in document order */
    public Stream<XmlElement> elements() {
        return children.stream().filter(XmlElement.class::isInstance).map(XmlElement.class::cast);
    }

    /**
     * The child elements with a given name.
     *
     * @param name the name to look for
     * @return the matching child elements in document order
     */
    public Stream<XmlElement> elements(XmlName name) {
        return elements().filter(e -> e.name.equals(name));
    }

    /**
     * The first child element with a given name.
     *
     * @param name the name to look for
     * @return the element, or {@code null}
     */
    public @Nullable XmlElement element(XmlName name) {
        for (XmlNode child : children) {
            if (child instanceof XmlElement && ((XmlElement) child).name.equals(name)) {
                return (XmlElement) child;
            }
        }
        return null;
    }

    /**
     * The first child element with a given namespace and local name.
     *
     * @param namespace namespace URI
     * @param localName local name
     * @return the element, or {@code null}
     */
    public @Nullable XmlElement element(String namespace, String localName) {
        for (XmlNode child : children) {
            if (child instanceof XmlElement && ((XmlElement) child).is(namespace, localName)) {
                return (XmlElement) child;
            }
        }
        return null;
    }

    /**
     * The first child element in a namespace, whatever its local name (how most extensions are found).
     *
     * @param namespace namespace URI
     * @return the element, if any
     */
    public Optional<XmlElement> elementIn(String namespace) {
        return elements().filter(e -> e.namespace().equals(namespace)).findFirst();
    }

    /** @return the concatenation of the direct text children, empty when there are none */
    public String text() {
        String single = null;
        StringBuilder sb = null;
        for (XmlNode child : children) {
            if (child instanceof XmlText) {
                String t = ((XmlText) child).text();
                if (single == null) {
                    single = t;
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(single);
                    }
                    sb.append(t);
                }
            }
        }
        return sb != null ? sb.toString() : single != null ? single : "";
    }

    /**
     * The text of the first child element with the given name.
     *
     * @param name the child's name
     * @return its text, or {@code null} when there is no such child
     */
    public @Nullable String childText(XmlName name) {
        XmlElement child = element(name);
        return child == null ? null : child.text();
    }

    /** @return a builder initialised with this element's name, attributes and children */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.attributes.putAll(attributes);
        b.children.addAll(children);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof XmlElement)) {
            return false;
        }
        XmlElement other = (XmlElement) o;
        if (hash != 0 && other.hash != 0 && hash != other.hash) {
            return false;
        }
        return name.equals(other.name) && attributes.equals(other.attributes)
            && normalized(children).equals(normalized(other.children));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(name, attributes, normalized(children));
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** Merges adjacent text runs and drops empty ones, so that equality does not depend on how text was split. */
    private static List<Object> normalized(List<XmlNode> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        StringBuilder text = null;
        for (XmlNode n : nodes) {
            if (n instanceof XmlText) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(((XmlText) n).text());
            } else {
                if (text != null && text.length() > 0) {
                    out.add(text.toString());
                }
                text = null;
                out.add(n);
            }
        }
        if (text != null && text.length() > 0) {
            out.add(text.toString());
        }
        return out;
    }

    /** @return this element serialized as XML (namespace declarations included) */
    @Override
    public String toString() {
        return XmlWriter.toString(this);
    }

    /**
     * Builds an {@link XmlElement}. Not thread-safe; each {@link #build()} returns an independent
     * immutable element.
     */
    public static final class Builder {

        private final XmlName name;
        // handed over to the element by build() without copying; copied first if the builder is
        // changed again afterwards (copy-on-write), so every built element stays independent
        private LinkedHashMap<XmlName, String> attributes = new LinkedHashMap<>(4);
        private ArrayList<XmlNode> children = new ArrayList<>(4);
        private boolean handedOver;

        private Builder(XmlName name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Sets an attribute in no namespace; a {@code null} value removes it.
         *
         * @param localName attribute name
         * @param value its value, or {@code null} to remove it
         * @return this builder
         */
        public Builder attribute(String localName, @Nullable Object value) {
            return attribute(XmlName.of(localName), value);
        }

        /**
         * Sets an attribute; a {@code null} value removes it. Namespace declarations ({@code xmlns},
         * {@code xmlns:p}) are not attributes: the writer declares namespaces itself.
         *
         * @param name attribute name
         * @param value its value ({@link Object#toString()} is used), or {@code null} to remove it
         * @return this builder
         */
        public Builder attribute(XmlName name, @Nullable Object value) {
            Objects.requireNonNull(name, "name");
            if (XMLNS_NS.equals(name.namespace()) || (name.namespace().isEmpty() && "xmlns".equals(name.localName()))) {
                throw new IllegalArgumentException("namespace declarations are not attributes: " + name);
            }
            if (value == null) {
                ownCollections();
                attributes.remove(name);
            } else {
                ownCollections();
                attributes.put(name, value.toString());
            }
            return this;
        }

        /**
         * Appends a child node.
         *
         * @param child element or text
         * @return this builder
         */
        public Builder child(XmlNode child) {
            Objects.requireNonNull(child, "child");
            ownCollections();
            children.add(child);
            return this;
        }

        /**
         * Appends child nodes.
         *
         * @param nodes elements or text runs
         * @return this builder
         */
        public Builder children(Iterable<? extends XmlNode> nodes) {
            for (XmlNode n : nodes) {
                child(n);
            }
            return this;
        }

        /**
         * Appends a child element built from a namespace, local name and text, the common case of
         * {@code <body>text</body>}. A {@code null} text appends nothing.
         *
         * @param namespace child namespace
         * @param localName child local name
         * @param text child text, or {@code null} to skip
         * @return this builder
         */
        public Builder textChild(String namespace, String localName, @Nullable String text) {
            if (text != null) {
                XmlElement child = new Builder(XmlName.of(namespace, localName)).text(text).build();
                ownCollections();
                children.add(child);
            }
            return this;
        }

        /**
         * Appends a text run.
         *
         * @param text the unescaped text
         * @return this builder
         */
        public Builder text(String text) {
            XmlText node = new XmlText(text);
            ownCollections();
            children.add(node);
            return this;
        }

        /**
         * Removes all child nodes that match a name.
         *
         * @param name the name of the elements to remove
         * @return this builder
         */
        public Builder removeChildren(XmlName name) {
            ownCollections();
            children.removeIf(n -> n instanceof XmlElement && ((XmlElement) n).name.equals(name));
            return this;
        }

        /** @return the element */
        public XmlElement build() {
            Map<XmlName, String> attrs = attributes.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(attributes);
            List<XmlNode> kids = children.isEmpty() ? List.of() : Collections.unmodifiableList(children);
            handedOver = true;
            return new XmlElement(name, attrs, kids);
        }

        /** Before a change after {@link #build()}: the built element keeps the old collections. */
        private void ownCollections() {
            if (handedOver) {
                attributes = new LinkedHashMap<>(attributes);
                children = new ArrayList<>(children);
                handedOver = false;
            }
        }
    }
}
