/**
 * The stanza model of RFC 6120 / RFC 6121: {@link org.reactorxmpp.xmpp.stanza.Message},
 * {@link org.reactorxmpp.xmpp.stanza.Presence} and {@link org.reactorxmpp.xmpp.stanza.Iq} as immutable
 * views over an {@link org.reactorxmpp.xmpp.xml.XmlElement}, stanza and stream errors.
 *
 * <p>Every stanza keeps its element whole: content the model does not understand is preserved and
 * written back unchanged. Reading is lenient (unknown enum values map to {@code UNKNOWN}, a bad
 * priority reads as 0); building is strict (the builders refuse what RFC 6120/6121 forbid).
 *
 * <pre>{@code
 * Stanza s = Stanza.of(element);
 * if (s instanceof Message m && m.type() == Message.Type.CHAT) {
 *     reply(Message.builder().to(m.from()).type(Message.Type.CHAT).body("echo: " + m.body()).build());
 * } else if (s instanceof Iq iq && iq.isRequest()) {
 *     reply(iq.errorWith(StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED)));
 * }
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.stanza;

import org.jspecify.annotations.NullMarked;
