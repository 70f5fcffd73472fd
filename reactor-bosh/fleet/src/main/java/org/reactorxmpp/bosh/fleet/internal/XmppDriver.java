package org.reactorxmpp.bosh.fleet.internal;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.bosh.fleet.FleetAccount;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The fleet's XMPP sessions: a client per account from the template, detach/attach through {@link SessionHandover}. */
final class XmppDriver implements SessionDriver<XmppSession> {

    private static final Logger log = LoggerFactory.getLogger(XmppDriver.class);

    private final BoshTransport transport;
    private final Consumer<XmppClient.Builder> template;
    private final Function<XmppSession, ? extends Publisher<?>> handler;

    XmppDriver(BoshTransport transport, Consumer<XmppClient.Builder> template,
               Function<XmppSession, ? extends Publisher<?>> handler) {
        this.transport = transport;
        this.template = template;
        this.handler = handler;
    }

    private XmppClient client(FleetAccount account) {
        XmppClient.Builder builder = XmppClient.builder()
            .jid(account.bareJid())
            .resource(account.jid().resourcepart().orElse(null))
            .transport(transport);
        char[] password = account.password().get();
        try {
            builder.password(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        template.accept(builder);
        return builder.build();
    }

    @Override
    public Mono<XmppSession> login(FleetAccount account) {
        return Mono.defer(() -> client(account).connect());
    }

    @Override
    public Mono<XmppSession> attach(FleetAccount account, byte[] state) {
        return Mono.defer(() -> client(account).attach(SessionHandover.fromBytes(state)));
    }

    @Override
    public Mono<byte[]> detach(XmppSession session) {
        return session.detach().map(SessionHandover::toBytes);
    }

    @Override
    public Flux<Supplier<byte[]>> checkpoints(XmppSession session) {
        return session.checkpoints().map(h -> h::toBytes);
    }

    @Override
    public Mono<Void> checkpointsAhead(XmppSession session, Function<Supplier<byte[]>, Mono<Void>> store) {
        return session.writeAheadCheckpoints(h -> store.apply(h::toBytes));
    }

    @Override
    public Mono<Void> onClose(XmppSession session) {
        return session.onClose();
    }

    @Override
    public Mono<Void> close(XmppSession session) {
        return session.close();
    }

    @Override
    public Disposable run(XmppSession session) {
        return Flux.from(handler.apply(session))
            .subscribe(null, e -> log.warn("fleet handler of {} failed", session.jid(), e));
    }
}
