/**
 * One-to-one chat (RFC 6121 section 5.1) with chat states (XEP-0085):
 * {@link org.reactorxmpp.im.chat.ChatManager#of(org.reactorxmpp.xmpp.session.XmppSession)}.
 */
@NullMarked
package org.reactorxmpp.im.chat;

import org.jspecify.annotations.NullMarked;
