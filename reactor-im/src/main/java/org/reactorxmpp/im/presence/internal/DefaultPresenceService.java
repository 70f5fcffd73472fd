package org.reactorxmpp.im.presence.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The presence service of one session, installed as its {@link PresenceService#KEY} feature. */
final class DefaultPresenceService implements PresenceService {

    private final XmppSession session;
    private final PresenceBook book = new PresenceBook("presence changes");
    private volatile @Nullable Presence current;

    private DefaultPresenceService(XmppSession session) {
        this.session = session;
    }

    /**
     * @param ctx the feature context
     * @return a service tracking the session's inbound presence until the session ends
     */
    static PresenceService install(FeatureContext ctx) {
        DefaultPresenceService service = new DefaultPresenceService(ctx.session());
        ctx.route(Presence.class, p -> true, service.book::apply);
        // a new session after a reconnect: contacts that went offline meanwhile would stay available otherwise
        // (after a stream-management resume the hook does not run: the server re-sent what was missed)
        ctx.onReconnect(() -> Mono.fromRunnable(service.book::reset));
        ctx.onDispose(service.book::complete);
        return service;
    }

    @Override
    public Mono<Void> send(Presence.@Nullable Show show, @Nullable String status, int priority) {
        return Mono.defer(() -> {
            Presence p = Presence.builder().show(show).status(status).priority(priority).build();
            current = p;
            return session.send(p);
        });
    }

    @Override
    public Mono<Void> sendDirected(Jid to, Presence presence) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(presence, "presence");
        return Mono.defer(() -> session.send(presence.withTo(to)));
    }

    @Override
    public Mono<Void> unavailable(@Nullable String status) {
        return Mono.defer(() -> {
            Presence p = Presence.builder().type(Presence.Type.UNAVAILABLE).status(status).build();
            current = p;
            return session.send(p);
        });
    }

    @Override
    public Optional<Presence> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public ContactPresence contact(BareJid jid) {
        return book.contact(jid);
    }

    @Override
    public Map<BareJid, ContactPresence> available() {
        return book.available();
    }

    @Override
    public Flux<PresenceChange> changes() {
        return book.changes();
    }

    @Override
    public Flux<PresenceChange> changes(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return changes().filter(c -> c.contact().jid().equals(jid));
    }

    @Override
    public String toString() {
        return "PresenceService{" + session.jid() + "}";
    }
}
