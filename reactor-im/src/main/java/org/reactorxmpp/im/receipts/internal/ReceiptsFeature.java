package org.reactorxmpp.im.receipts.internal;

import java.util.Objects;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.receipts.Receipt;
import org.reactorxmpp.im.receipts.Receipts;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivery receipts with their auto-answer setting, as a feature and its service. Not API.
 *
 * @param autoAnswer whether requests are answered automatically
 */
public record ReceiptsFeature(boolean autoAnswer) implements Feature<Receipts> {

    private static final Logger log = LoggerFactory.getLogger(ReceiptsFeature.class);
    /** Receipts buffered per subscriber. */
    static final int BUFFER = 256;

    @Override
    public FeatureKey<Receipts> key() {
        return Receipts.KEY;
    }

    @Override
    public Receipts install(FeatureContext ctx) {
        Service service = new Service(ctx.session());
        ctx.capability(Receipts.NAMESPACE);
        ctx.route(Message.class, m -> m.has(Receipts.RECEIVED) && m.from() != null, service::received);
        if (autoAnswer) {
            ctx.route(Message.class, m -> m.has(Receipts.REQUEST) && m.id() != null && m.from() != null
                && m.type() != Message.Type.ERROR && m.type() != Message.Type.GROUPCHAT, service::answer);
        }
        ctx.onDispose(service.receipts::complete);
        return service;
    }

    private static final class Service implements Receipts {
        private final XmppSession session;
        private final HotStream<Receipt> receipts = HotStream.live("receipts", BUFFER);

        Service(XmppSession session) {
            this.session = session;
        }

        void received(Message m) {
            XmlElement received = Objects.requireNonNull(m.element().element(RECEIVED));
            String id = received.attribute("id");
            if (id == null) {
                id = m.id(); // XEP-0184 1.0 let the receipt carry the id on the message only
            }
            if (id != null) {
                receipts.emit(new Receipt(Objects.requireNonNull(m.from()), id));
            }
        }

        void answer(Message m) {
            Message receipt = Message.builder().to(m.from()).id(Ids.next())
                .child(XmlElement.builder(RECEIVED).attribute("id", m.id()).build()).build();
            session.send(receipt).subscribe(null, e -> log.warn("[{}] receipt for {} not sent: {}", SessionLog.id(session), m.id(), e.toString()));
        }

        @Override
        public Mono<Receipt> send(Message message) {
            Objects.requireNonNull(message, "message");
            Jid to = Objects.requireNonNull(message.to(), "a message with a receipt request needs a 'to'");
            return Mono.defer(() -> {
                Message.Builder b = message.toBuilder().removeChildren(REQUEST).child(XmlElement.builder(REQUEST).build());
                String id = message.id() != null ? message.id() : Ids.next();
                Message out = b.id(id).build();
                // listen before sending: the receipt may arrive before the send completes
                Flux<Receipt> matched = receipts().filter(r -> r.id().equals(id) && r.from().asBare().equals(to.asBare()));
                return Flux.merge(matched, session.send(out).then(Mono.<Receipt>empty())).next();
            });
        }

        @Override
        public Flux<Receipt> receipts() {
            return receipts.flux();
        }
    }
}
