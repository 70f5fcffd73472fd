package org.reactorxmpp.im.quickcontacts;

import java.util.Collection;
import java.util.Set;

import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.quickcontacts.internal.DefaultQuickContacts;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quick contacts: temporary presence subscriptions (Cisco Unified Presence). Subscribing sends
 * directed presence to the contact's bare JID carrying entity caps whose feature list includes
 * {@value QuickContactsOptions#TEMP_PRESENCE_NOTIFY}; the server then sends headline messages with
 * the contact's presence in a pubsub event of node {@code http://webex.com/connect/temp-presence}.
 * Unsubscribing sends directed presence with the base caps.
 *
 * <p>A roster contact whose presence we already receive (subscription {@code to} or {@code both})
 * cannot be temp-subscribed, and is dropped from the temporary subscriptions when it becomes one.
 *
 * <p>The server forgets temporary subscriptions with the connection. When the session reconnects
 * ({@link XmppSession#states()} reaches {@code CONNECTED} after {@code RECONNECTING}), the current
 * {@link #subscriptions()} are sent again, in rate-limited slices like {@link #subscribeAll}.
 *
 * <pre>{@code
 * QuickContacts quick = QuickContacts.of(session, roster);
 * quick.changes().subscribe(c -> System.out.println(c.contact()));
 * quick.subscribeAll(List.of(bob, carol), true).subscribe();
 * }</pre>
 */
public interface QuickContacts {

    /**
     * @param session the session
     * @param roster the session's roster
     * @return the quick contacts of that session with the default options
     */
    static QuickContacts of(XmppSession session, Roster roster) {
        return of(session, roster, QuickContactsOptions.defaults());
    }

    /**
     * @param session the session
     * @param roster the session's roster
     * @param options the options
     * @return the quick contacts of that session
     */
    static QuickContacts of(XmppSession session, Roster roster, QuickContactsOptions options) {
        return DefaultQuickContacts.create(session, roster, options);
    }

    /**
     * @param jid the contact
     * @return completion once sent; a {@link QuickContactException} for a {@code to}/{@code both} roster contact
     */
    Mono<Void> subscribe(BareJid jid);

    /** @param jid the contact @return completion once sent */
    Mono<Void> unsubscribe(BareJid jid);

    /**
     * Subscribes to many contacts, deduplicated, skipping those already subscribed and roster
     * contacts with subscription {@code to}/{@code both}, in rate-limited slices. Cancelled when the
     * session disconnects.
     *
     * @param jids the contacts
     * @param reset whether to first unsubscribe every current quick contact not in {@code jids}
     * @return the slices as they are sent
     */
    Flux<Slice> subscribeAll(Collection<BareJid> jids, boolean reset);

    /**
     * @param jids the contacts (deduplicated; those not subscribed are skipped)
     * @return the slices as they are sent
     */
    Flux<Slice> unsubscribeAll(Collection<BareJid> jids);

    /** @return the current temporary subscriptions */
    Set<BareJid> subscriptions();

    /** @param jid a quick contact @return its presence from the notifications */
    ContactPresence presence(BareJid jid);

    /** @return presence changes of quick contacts from the notifications (hot) */
    Flux<PresenceChange> changes();
}
