package org.reactorxmpp.xmpp.xml;

/**
 * A child of an {@link XmlElement}: another element or a run of text.
 */
public sealed interface XmlNode permits XmlElement, XmlText {
}
