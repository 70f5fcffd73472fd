/**
 * The roster (RFC 6121 section 2) and presence subscriptions (section 3) of one session:
 * {@link org.reactorxmpp.im.roster.Roster#of(org.reactorxmpp.xmpp.session.XmppSession)}.
 *
 * <pre>{@code
 * Roster roster = Roster.of(session);
 * roster.changes().subscribe(change -> log.info("{} {}", change.kind(), change.item().jid()));
 * roster.load().then(roster.add(BareJid.parse("bob@example.com"), "Bob", Set.of("Friends"))).subscribe();
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.roster;

import org.jspecify.annotations.NullMarked;
