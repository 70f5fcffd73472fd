package org.reactorxmpp.im.presence;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.presence.internal.PresenceInstaller;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Own presence and the tracked presence of every contact (RFC 6121 section 4), per session: a
 * feature of it ({@link #KEY}), so {@code PresenceService.of(session)} always returns the same
 * service, with one tracker that has followed presence since it was first obtained (declare it on
 * the client, {@code XmppClient.builder()...feature(PresenceService.KEY)}, to track from the
 * first stanza). Its change streams complete when the session ends.
 *
 * <p>Own available presence gets the session's entity caps attached by the session; closing the
 * session sends unavailable presence. Contacts are tracked per resource from the moment the service
 * is created; {@link ContactPresence#primary()} picks the resource with the highest priority, then
 * the best show (chat, available, away, xa, dnd), then the most recent.
 *
 * <pre>{@code
 * PresenceService presence = PresenceService.of(session);
 * presence.changes(BareJid.parse("bob@example.com"))
 *     .subscribe(c -> System.out.println("bob: " + c.contact().primary()));
 * presence.send(Presence.Show.CHAT, "Ready", 5).subscribe();
 * }</pre>
 */
public interface PresenceService {

    /** The presence feature. */
    FeatureKey<PresenceService> KEY = FeatureKey.of("presence", PresenceInstaller::install);

    /**
     * @param session the session
     * @return the session's presence service: the installed one, or a new one tracking inbound
     *     presence from now on
     */
    static PresenceService of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * Broadcasts own available presence.
     *
     * @param show the show value, or {@code null} for plain available
     * @param status the status text, or {@code null}
     * @param priority the priority (-128..127)
     * @return completion once sent
     */
    Mono<Void> send(Presence.@Nullable Show show, @Nullable String status, int priority);

    /**
     * Sends presence directed to one entity (RFC 6121 4.6).
     *
     * @param to the recipient
     * @param presence the presence (its {@code to} is replaced)
     * @return completion once sent
     */
    Mono<Void> sendDirected(Jid to, Presence presence);

    /**
     * Broadcasts unavailable presence without closing the session.
     *
     * @param status the status text, or {@code null}
     * @return completion once sent
     */
    Mono<Void> unavailable(@Nullable String status);

    /** @return the last own broadcast presence, empty before the first {@link #send} */
    java.util.Optional<Presence> current();

    /**
     * @param jid a contact
     * @return its presence (offline when nothing was received)
     */
    ContactPresence contact(BareJid jid);

    /** @return every contact with at least one available resource */
    Map<BareJid, ContactPresence> available();

    /** @return every presence change of every contact (hot; 1024 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}) */
    Flux<PresenceChange> changes();

    /** @param jid a contact @return the presence changes of that contact (hot, bounded like {@link #changes()}) */
    Flux<PresenceChange> changes(BareJid jid);
}
