package org.reactorxmpp.im.carbons.internal;

import java.util.Optional;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.carbons.Carbon;
import org.reactorxmpp.im.carbons.Carbons;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The carbons service of one session. Not API. */
public final class DefaultCarbons implements Carbons {

    private static final Logger log = LoggerFactory.getLogger(DefaultCarbons.class);

    private final XmppSession session;
    /** Carbons buffered per subscriber. */
    static final int BUFFER = 256;

    private final HotStream<Carbon> carbons = HotStream.live("carbons", BUFFER);
    private volatile boolean enabled;

    private DefaultCarbons(XmppSession session) {
        this.session = session;
    }

    /**
     * @param ctx the feature context
     * @return the service, receiving carbons and re-enabling them after a reconnect
     */
    public static Carbons install(FeatureContext ctx) {
        DefaultCarbons service = new DefaultCarbons(ctx.session());
        ctx.route(Message.class, m -> m.element().elementIn(NAMESPACE)
            .filter(e -> e.localName().equals("received") || e.localName().equals("sent")).isPresent(), service::carbon);
        ctx.onReconnect(() -> service.enabled ? service.set("enable") : Mono.empty());
        ctx.onDispose(service.carbons::complete);
        return service;
    }

    private void carbon(Message envelope) {
        Jid from = envelope.from();
        if (from == null || !from.equals(session.jid().asBare())) {
            log.warn("[{}] dropped a forged carbon from {} (carbons come only from the own bare JID)", SessionLog.id(session), from);
            return;
        }
        XmlElement wrapper = envelope.element().elementIn(NAMESPACE).orElseThrow();
        Carbon.Direction direction = wrapper.localName().equals("sent") ? Carbon.Direction.SENT : Carbon.Direction.RECEIVED;
        Optional<Forwarded> forwarded;
        try {
            forwarded = Forwarded.in(wrapper);
        } catch (ExtensionDecodeException e) {
            log.warn("[{}] dropped a malformed carbon: {}", SessionLog.id(session), e.getMessage());
            return;
        }
        forwarded.ifPresent(f -> carbons.emit(new Carbon(direction, f)));
    }

    private Mono<Void> set(String action) {
        return session.request(Iq.set(null, XmlElement.empty(NAMESPACE, action))).then();
    }

    @Override
    public Mono<Void> enable() {
        return set("enable").doOnSuccess(v -> enabled = true);
    }

    @Override
    public Mono<Void> disable() {
        return set("disable").doOnSuccess(v -> enabled = false);
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Flux<Carbon> carbons() {
        return carbons.flux();
    }
}
