/**
 * Own presence and the presence of contacts (RFC 6121 section 4), per resource and as a primary
 * presence per contact: {@link org.reactorxmpp.im.presence.PresenceService#of(org.reactorxmpp.xmpp.session.XmppSession)}.
 */
@NullMarked
package org.reactorxmpp.im.presence;

import org.jspecify.annotations.NullMarked;
