package org.reactorxmpp.im.presence.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The presence service of one session. */
public final class DefaultPresenceService implements PresenceService {

    private static final Logger log = LoggerFactory.getLogger(DefaultPresenceService.class);
    private static final int BUFFER = 1024;

    private final XmppSession session;
    private final PresenceTracker tracker = new PresenceTracker();
    private final Sinks.Many<PresenceChange> changes = Sinks.many().multicast().directBestEffort();
    private volatile @Nullable Presence current;

    private DefaultPresenceService(XmppSession session) {
        this.session = session;
    }

    /** @param session the session @return a service tracking its inbound presence */
    public static DefaultPresenceService create(XmppSession session) {
        DefaultPresenceService service = new DefaultPresenceService(Objects.requireNonNull(session, "session"));
        session.presences().subscribe(service::onPresence, e -> log.debug("{}: presence stream ended", session.jid(), e));
        return service;
    }

    private void onPresence(Presence presence) {
        synchronized (tracker) {
            tracker.apply(presence).ifPresent(changes::tryEmitNext);
        }
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
        synchronized (tracker) {
            return tracker.contact(jid);
        }
    }

    @Override
    public Map<BareJid, ContactPresence> available() {
        synchronized (tracker) {
            return Map.copyOf(tracker.available());
        }
    }

    @Override
    public Flux<PresenceChange> changes() {
        return changes.asFlux().onBackpressureBuffer(BUFFER);
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
