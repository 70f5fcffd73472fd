package org.reactorxmpp.xmpp.stanza;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlNode;

/**
 * What the {@link Message}, {@link Presence} and {@link Iq} builders share: addressing, id,
 * language, and arbitrary children. A builder made from an existing stanza ({@code toBuilder()})
 * starts with all of its attributes and children, so unknown content is kept. Not thread-safe.
 *
 * @param <B> the concrete builder
 * @param <S> the stanza it builds
 */
public abstract class StanzaBuilder<B extends StanzaBuilder<B, S>, S extends Stanza> {

    private final XmlName name;
    final Map<XmlName, String> attributes = new LinkedHashMap<>();
    final List<XmlNode> children = new ArrayList<>();

    StanzaBuilder(String localName) {
        this.name = XmlName.of(Stanza.NAMESPACE, localName);
    }

    StanzaBuilder(XmlElement element) {
        this.name = element.name();
        attributes.putAll(element.attributes());
        children.addAll(element.children());
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    final B attribute(String localName, @Nullable Object value) {
        if (value == null) {
            attributes.remove(XmlName.of(localName));
        } else {
            attributes.put(XmlName.of(localName), value.toString());
        }
        return self();
    }

    /**
     * @param id the stanza id, or {@code null} for none
     * @return this builder
     */
    public B id(@Nullable String id) {
        return attribute("id", id);
    }

    /**
     * @param to the recipient, or {@code null} for none (the server / the user's own account)
     * @return this builder
     */
    public B to(@Nullable Jid to) {
        return attribute("to", to);
    }

    /**
     * @param from the sender, or {@code null} for none (clients normally leave it to the server)
     * @return this builder
     */
    public B from(@Nullable Jid from) {
        return attribute("from", from);
    }

    /**
     * @param lang the stanza's {@code xml:lang} (a BCP 47 tag), or {@code null} for none
     * @return this builder
     */
    public B lang(@Nullable String lang) {
        if (lang == null) {
            attributes.remove(XmlName.XML_LANG);
        } else {
            attributes.put(XmlName.XML_LANG, lang);
        }
        return self();
    }

    /**
     * Appends a child element, for example an extension payload.
     *
     * @param child the element
     * @return this builder
     */
    public B child(XmlElement child) {
        children.add(Objects.requireNonNull(child, "child"));
        return self();
    }

    /**
     * Appends an extension, encoded with its codec.
     *
     * @param codec the extension's codec
     * @param value the extension value
     * @param <T> the extension type
     * @return this builder
     */
    public <T> B extension(ExtensionCodec<T> codec, T value) {
        return child(codec.encode(Objects.requireNonNull(value, "value")));
    }

    /**
     * Removes every child element with a name.
     *
     * @param name the name
     * @return this builder
     */
    public B removeChildren(XmlName name) {
        children.removeIf(n -> n instanceof XmlElement && ((XmlElement) n).name().equals(name));
        return self();
    }

    /**
     * Replaces the child {@code name} of language {@code lang} (no {@code xml:lang} when {@code null})
     * by one holding {@code text}, at the same position; removes it when {@code text} is {@code null}.
     */
    final B text(String localName, @Nullable String lang, @Nullable String text) {
        XmlName childName = XmlName.of(Stanza.NAMESPACE, localName);
        int at = -1;
        for (int i = children.size() - 1; i >= 0; i--) {
            XmlNode n = children.get(i);
            if (n instanceof XmlElement && ((XmlElement) n).name().equals(childName)
                && Objects.equals(((XmlElement) n).attribute(XmlName.XML_LANG), lang)) {
                children.remove(i);
                at = i;
            }
        }
        if (text != null) {
            XmlElement child = XmlElement.builder(childName).attribute(XmlName.XML_LANG, lang).text(text).build();
            if (at >= 0) {
                children.add(at, child);
            } else {
                children.add(child);
            }
        }
        return self();
    }

    final @Nullable String attributeValue(String localName) {
        return attributes.get(XmlName.of(localName));
    }

    final XmlElement element() {
        XmlElement.Builder b = XmlElement.builder(name);
        attributes.forEach(b::attribute);
        return b.children(children).build();
    }

    /**
     * @return the stanza
     * @throws InvalidStanzaException when the stanza breaks a rule of RFC 6120/6121
     */
    public abstract S build();
}
