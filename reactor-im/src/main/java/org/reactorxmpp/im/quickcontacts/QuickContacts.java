package org.reactorxmpp.im.quickcontacts;

import java.util.Collection;
import java.util.Set;

import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.quickcontacts.internal.QuickContactsFeature;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quick contacts: temporary presence subscriptions (Cisco Unified Presence). Subscribing sends
 * directed presence to the contact's bare JID carrying entity caps whose feature list includes
 * {@value QuickContactsOptions#TEMP_PRESENCE_NOTIFY}; the server then sends headline messages with
 * the contact's presence in a pubsub event of node {@code http://webex.com/connect/temp-presence}.
 * Unsubscribing sends directed presence with the base caps. Both {@code ver}s are computed from the
 * session's {@link org.reactorxmpp.xmpp.session.Capabilities} (the temporary one is a
 * {@link org.reactorxmpp.xmpp.session.Capabilities.Variant}), so the session answers disco#info for
 * either while quick contacts live.
 *
 * <p>A feature of the session ({@link #KEY}) that depends on its {@link
 * org.reactorxmpp.im.roster.Roster}: {@code QuickContacts.of(session)} returns the same instance
 * each time; its streams complete when the session ends.
 *
 * <p>A roster contact whose presence we already receive (subscription {@code to} or {@code both})
 * cannot be temp-subscribed, and is dropped from the temporary subscriptions when it becomes one.
 *
 * <p>The server forgets temporary subscriptions with the connection. When the session reconnects
 * ({@link XmppSession#states()} reaches {@code CONNECTED} after {@code RECONNECTING}), the current
 * {@link #subscriptions()} are sent again, in rate-limited slices like {@link #subscribeAll}.
 *
 * <pre>{@code
 * QuickContacts quick = QuickContacts.of(session);
 * quick.changes().subscribe(c -> System.out.println(c.contact()));
 * quick.subscribeAll(List.of(bob, carol), true).subscribe();
 * }</pre>
 */
public interface QuickContacts {

    /** The quick contacts feature with default options. */
    FeatureKey<QuickContacts> KEY = FeatureKey.of("quick contacts",
        () -> new QuickContactsFeature(QuickContactsOptions.defaults()));

    /**
     * @param session the session
     * @return the quick contacts of that session: the installed ones, or new ones with default
     *     options (installing the session's roster with default options if it has none)
     */
    static QuickContacts of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * @param session the session
     * @param options the options
     * @return the quick contacts of that session, installed with these options if it has none yet
     * @throws IllegalStateException when they were installed with other options
     */
    static QuickContacts of(XmppSession session, QuickContactsOptions options) {
        return session.feature(feature(options));
    }

    /**
     * @param options the options
     * @return quick contacts with these options, as a feature (for example for the client builder)
     */
    static Feature<QuickContacts> feature(QuickContactsOptions options) {
        return new QuickContactsFeature(options);
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

    /** @return presence changes of quick contacts from the notifications (hot; 1024 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}) */
    Flux<PresenceChange> changes();
}
