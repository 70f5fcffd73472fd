package org.reactorxmpp.im.pubsub.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.SubscriptionRequest;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's PubSub feature: one route for every pubsub event and authorization request, decoded
 * once, and one {@link PubSub} per service. Not API: obtained through {@link PubSub#of} and {@link PubSub#pep}.
 */
public final class PubSubFeature {

    private static final Logger log = LoggerFactory.getLogger(PubSubFeature.class);
    private static final FeatureKey<PubSubFeature> KEY = FeatureKey.of("pubsub", PubSubFeature::install);
    /** Events, and authorization requests, buffered per subscriber. */
    static final int BUFFER = 256;

    private final XmppSession session;
    /**
     * Live: a subscriber sees the events from its subscription on (a PEP subscriber's interest is what
     * makes the server send them); a slow one gets its buffer, then a typed overflow error.
     */
    private final HotStream<PubSubEvent> events = HotStream.live("pubsub events", BUFFER);
    private final HotStream<SubscriptionRequest> requests = HotStream.live("pubsub subscription requests", BUFFER);
    private final Map<Jid, PubSub> services = new ConcurrentHashMap<>();
    private final PubSub pep;

    private PubSubFeature(XmppSession session) {
        this.session = session;
        this.pep = new DefaultPubSub(session, null, events.flux(e -> isAccount(e.from())),
            requests.flux(r -> isAccount(r.service())));
    }

    /** @param session a session @return its PubSub feature, installed on first use */
    public static PubSubFeature of(XmppSession session) {
        return session.feature(KEY);
    }

    private static PubSubFeature install(FeatureContext ctx) {
        PubSubFeature feature = new PubSubFeature(ctx.session());
        ctx.route(Message.class, EventCodec::isEvent, feature::onEvent);
        ctx.route(Message.class, AuthorizationCodec::isRequest, feature::onRequest);
        ctx.onDispose(() -> {
            feature.events.complete();
            feature.requests.complete();
        });
        return feature;
    }

    /** @param service a service @return its client */
    public PubSub service(Jid service) {
        return services.computeIfAbsent(service, s -> new DefaultPubSub(session, s,
            events.flux(e -> s.equals(e.from())), requests.flux(r -> s.equals(r.service()))));
    }

    /** @return the PEP client */
    public PubSub pep() {
        return pep;
    }

    private static boolean isAccount(Jid from) {
        return from != null && from.localpart().isPresent();
    }

    private void onEvent(Message message) {
        try {
            for (PubSubEvent e : EventCodec.decode(message)) {
                events.emit(e);
            }
        } catch (RuntimeException e) {
            log.debug("[{}] ignoring a malformed pubsub event from {}: {}", SessionLog.id(session), message.from(), e.toString());
        }
    }

    private void onRequest(Message message) {
        try {
            AuthorizationCodec.decode(message).ifPresent(requests::emit);
        } catch (RuntimeException e) {
            log.debug("{}: ignoring a malformed authorization request from {}: {}", session.jid(), message.from(),
                e.toString());
        }
    }
}
