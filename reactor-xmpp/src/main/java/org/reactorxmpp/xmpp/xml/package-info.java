/**
 * Immutable XML element model with a secure Woodstox reader and a direct-to-bytes writer.
 *
 * <pre>{@code
 * XmlElement ping = XmlElement.builder("urn:xmpp:ping", "ping").build();
 * XmlElement iq = XmlElement.builder("jabber:client", "iq")
 *     .attribute("type", "get").attribute("id", "p1")
 *     .child(ping)
 *     .build();
 * byte[] wire = XmlWriter.toBytes(iq);
 * XmlElement back = XmlReader.create().read(wire);   // equals(iq)
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.xml;

import org.jspecify.annotations.NullMarked;
