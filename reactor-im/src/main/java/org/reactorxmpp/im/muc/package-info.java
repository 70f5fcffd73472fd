/**
 * Multi-user chat (XEP-0045) with direct invitations (XEP-0249) and self-ping (XEP-0410), as a session
 * feature: {@link org.reactorxmpp.im.muc.Muc#of(org.reactorxmpp.xmpp.session.XmppSession)}.
 *
 * <pre>{@code
 * Muc.of(session).join(BareJid.parse("coven@chat.shakespeare.lit"), "thirdwitch")
 *     .flatMapMany(Room::messages)
 *     .subscribe(m -> System.out.println(m.nick() + ": " + m.body().orElse("")));
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.muc;

import org.jspecify.annotations.NullMarked;
