package org.reactorxmpp.xmpp.xml;

import java.util.Arrays;
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
    static final Object[] NO_ATTRIBUTES = {};
    static final Object[] NO_CHILDREN = {};

    private final XmlName name;
    // name0, value0, name1, value1, ... in document order, exactly as long as needed; never changed
    private final Object[] attributes;
    // an Object[] of elements and texts (a text run is kept as its String and wrapped in an XmlText only when
    // asked for), exactly as long as needed and never changed; or, when there is exactly one child (the common
    // <body>text</body>, <query><item/></query>), that child itself: its String or XmlElement
    private final Object children;
    // the unmodifiable view of children, made on first use (racy: any instance is as good as another)
    private @Nullable List<XmlNode> childList;
    private int hash;

    /** Takes the arrays as they are: the caller hands them over and never changes them afterwards. */
    XmlElement(XmlName name, Object[] attributes, Object children) {
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
        return new XmlElement(XmlName.of(namespace, localName), NO_ATTRIBUTES, NO_CHILDREN);
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

    /** @return the attributes in document order, an unmodifiable view */
    public Map<XmlName, String> attributes() {
        return attributes.length == 0 ? Map.of() : new ElementViews.AttributeMap(attributes);
    }

    /**
     * The value of an attribute that is in no namespace.
     *
     * @param localName the attribute's name
     * @return its value, or {@code null}
     */
    public @Nullable String attribute(String localName) {
        Object[] a = attributes;
        for (int i = 0; i < a.length; i += 2) {
            XmlName n = (XmlName) a[i];
            if (n.localName().equals(localName) && n.namespace().isEmpty()) {
                return (String) a[i + 1];
            }
        }
        return null;
    }

    /**
     * The value of an attribute.
     *
     * @param name the attribute's qualified name
     * @return its value, or {@code null}
     */
    public @Nullable String attribute(XmlName name) {
        return ElementViews.valueOf(attributes, attributes.length, name);
    }

    /** @return how many attributes there are */
    int attributeCount() {
        return attributes.length >> 1;
    }

    /** @param i index, in document order @return that attribute's name */
    XmlName attributeName(int i) {
        return (XmlName) attributes[i << 1];
    }

    /** @param i index, in document order @return that attribute's value */
    String attributeValue(int i) {
        return (String) attributes[(i << 1) + 1];
    }

    /** @return the children (elements and text) in document order, unmodifiable */
    public List<XmlNode> children() {
        List<XmlNode> view = childList;
        if (view == null) {
            Object c = children;
            if (c instanceof Object[]) {
                view = ((Object[]) c).length == 0 ? List.of() : new ElementViews.ChildList((Object[]) c);
            } else {
                view = List.of(c instanceof String ? new XmlText((String) c) : (XmlNode) c);
            }
            childList = view;
        }
        return view;
    }

    /** @return how many children (elements and text runs) there are */
    int childCount() {
        Object c = children;
        return c instanceof Object[] ? ((Object[]) c).length : 1;
    }

    /** @param i index, in document order @return that child: an {@link XmlElement} or a text run's {@link String} */
    Object child(int i) {
        Object c = children;
        if (c instanceof Object[]) {
            return ((Object[]) c)[i];
        }
        Objects.checkIndex(i, 1);
        return c;
    }

    /** @return the children as an array (a new one when there is a sole child) */
    private Object[] childArray() {
        Object c = children;
        return c instanceof Object[] ? (Object[]) c : new Object[] {c};
    }

    /** @return the child elements in document order */
    public Stream<XmlElement> elements() {
        Object c = children;
        if (c instanceof Object[]) {
            return Arrays.stream((Object[]) c).filter(XmlElement.class::isInstance).map(XmlElement.class::cast);
        }
        return c instanceof XmlElement ? Stream.of((XmlElement) c) : Stream.empty();
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
        for (int i = 0, n = childCount(); i < n; i++) {
            Object child = child(i);
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
        for (int i = 0, n = childCount(); i < n; i++) {
            Object child = child(i);
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
        for (int i = 0, n = childCount(); i < n; i++) {
            Object child = child(i);
            if (child instanceof XmlElement && ((XmlElement) child).namespace().equals(namespace)) {
                return Optional.of((XmlElement) child);
            }
        }
        return Optional.empty();
    }

    /** @return the concatenation of the direct text children, empty when there are none */
    public String text() {
        Object c = children;
        if (!(c instanceof Object[])) {
            return c instanceof String ? (String) c : "";
        }
        String single = null;
        StringBuilder sb = null;
        for (Object child : (Object[]) c) {
            if (child instanceof String) {
                String t = (String) child;
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
        return new Builder(name, attributes, childArray());
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
        return name.equals(other.name) && ElementViews.sameAttributes(attributes, other.attributes)
            && ElementViews.normalized(childArray()).equals(ElementViews.normalized(other.childArray()));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // as Objects.hash(name, attributes(), normalized children) with the attributes as a Map
            h = Objects.hash(name, ElementViews.attributesHash(attributes), ElementViews.normalized(childArray()));
            hash = h == 0 ? 1 : h;
        }
        return hash;
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
        // name/value pairs and children, each in an array with a count; build() hands an array over
        // without copying when it is full, and marks it shared: the next change copies it first
        // (copy-on-write), so every built element stays independent
        private Object[] attributes;
        private int attributeSlots;
        private boolean attributesShared;
        private Object[] children;
        private int childCount;
        private boolean childrenShared;

        private Builder(XmlName name) {
            this(name, NO_ATTRIBUTES, NO_CHILDREN);
        }

        private Builder(XmlName name, Object[] attributes, Object[] children) {
            this.name = Objects.requireNonNull(name, "name");
            this.attributes = attributes;
            this.attributeSlots = attributes.length;
            this.attributesShared = true;
            this.children = children;
            this.childCount = children.length;
            this.childrenShared = true;
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
            int at = ElementViews.indexOf(attributes, attributeSlots, name);
            if (value == null) {
                if (at >= 0) {
                    ownAttributes(0);
                    System.arraycopy(attributes, at + 2, attributes, at, attributeSlots - at - 2);
                    attributeSlots -= 2;
                    attributes[attributeSlots] = null;
                    attributes[attributeSlots + 1] = null;
                }
                return this;
            }
            String text = value.toString();
            if (at >= 0) {
                ownAttributes(0);
                attributes[at + 1] = text;
            } else {
                ownAttributes(2);
                attributes[attributeSlots++] = name;
                attributes[attributeSlots++] = text;
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
            ownChildren(1);
            children[childCount++] = child instanceof XmlText ? ((XmlText) child).text() : child;
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
                return child(new XmlElement(XmlName.of(namespace, localName), NO_ATTRIBUTES, text));
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
            Objects.requireNonNull(text, "text");
            ownChildren(1);
            children[childCount++] = text;
            return this;
        }

        /**
         * Removes all child nodes that match a name.
         *
         * @param name the name of the elements to remove
         * @return this builder
         */
        public Builder removeChildren(XmlName name) {
            ownChildren(0);
            int kept = 0;
            for (int i = 0; i < childCount; i++) {
                Object n = children[i];
                if (!(n instanceof XmlElement && ((XmlElement) n).name.equals(name))) {
                    children[kept++] = n;
                }
            }
            Arrays.fill(children, kept, childCount, null);
            childCount = kept;
            return this;
        }

        /** @return the element */
        public XmlElement build() {
            Object[] attrs;
            if (attributeSlots == 0) {
                attrs = NO_ATTRIBUTES;
            } else if (attributeSlots == attributes.length) {
                attrs = attributes;
                attributesShared = true;
            } else {
                attrs = Arrays.copyOf(attributes, attributeSlots);
            }
            Object kids;
            if (childCount == 0) {
                kids = NO_CHILDREN;
            } else if (childCount == 1) {
                kids = children[0]; // a sole child needs no array
            } else if (childCount == children.length) {
                kids = children;
                childrenShared = true;
            } else {
                kids = Arrays.copyOf(children, childCount);
            }
            return new XmlElement(name, attrs, kids);
        }

        /** Makes the attribute array this builder's own, with room for {@code more} slots. */
        private void ownAttributes(int more) {
            attributes = owned(attributes, attributesShared, attributeSlots + more, 8);
            attributesShared = false;
        }

        /** Makes the child array this builder's own, with room for {@code more} children. */
        private void ownChildren(int more) {
            children = owned(children, childrenShared, childCount + more, 4);
            childrenShared = false;
        }

        /** @return {@code array} if it is not shared and has room for {@code need}, else a larger or private copy */
        private static Object[] owned(Object[] array, boolean shared, int need, int least) {
            if (!shared && need <= array.length) {
                return array;
            }
            return Arrays.copyOf(array, need > array.length ? Math.max(least, Math.max(need, array.length * 2)) : array.length);
        }
    }
}
