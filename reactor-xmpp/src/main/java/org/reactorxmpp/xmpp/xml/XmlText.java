package org.reactorxmpp.xmpp.xml;

import java.util.Objects;

/**
 * A run of character data inside an element. Immutable.
 *
 * @param text the unescaped text; may be empty
 */
public record XmlText(String text) implements XmlNode {

    public XmlText {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
