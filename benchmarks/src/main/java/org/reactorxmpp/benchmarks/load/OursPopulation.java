package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** N sessions of this library on one shared {@link BoshTransport}, logged in {@code concurrency} at a time. */
final class OursPopulation extends BasePopulation {

    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");

    private final Target target;
    private final Scheduler sasl = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(),
        1_000_000, "bench-sasl", 60, true);
    private final List<XmppSession> sessions;
    private volatile boolean closing;

    OursPopulation(Target target, int n, Population.@Nullable Listener listener) {
        this.target = target;
        BoshTransport transport = OursBosh.transport(target.boshUrl());
        AtomicInteger failed = new AtomicInteger();
        List<XmppSession> list = Flux.range(1, n)
            .flatMap(i -> XmppClient.builder()
                .jid("user" + i + "@" + target.domain())
                .password(target.password())
                .transport(transport)
                .enabledMechanisms(List.of("SCRAM-SHA-1"))
                .saslScheduler(sasl)
                .build()
                .connect()
                .onErrorResume(e -> {
                    failed.incrementAndGet();
                    errors.add("user" + i + " login: " + e);
                    return Mono.empty();
                }), target.concurrency())
            .collectList()
            .block(target.timeout());
        this.sessions = list == null ? List.of() : list;
        loginFailures.set(failed.get());
        for (XmppSession s : sessions) {
            s.onClose().subscribe(null, e -> dropped(s, e), () -> dropped(s, null));
            if (listener != null) {
                s.messages()
                    .filter(msg -> msg.body() != null && msg.from() != null)
                    .subscribe(msg -> {
                        listener.delivered(msg.body());
                        s.send(Message.builder().type(Message.Type.CHAT).to(msg.from()).body(msg.body()).build())
                            .subscribe(null, e -> {
                                replyFailures.incrementAndGet();
                                errors.add(s.jid() + " reply: " + e);
                            });
                    }, e -> { });
            }
        }
    }

    private void dropped(XmppSession s, @Nullable Throwable e) {
        if (!closing) {
            drops.incrementAndGet();
            errors.add(s.jid() + " dropped: " + e);
        }
    }

    @Override
    public List<String> jids() {
        List<String> out = new ArrayList<>(sessions.size());
        sessions.forEach(s -> out.add(s.jid().toString()));
        return out;
    }

    @Override
    public int pingAll() {
        AtomicInteger failures = new AtomicInteger();
        Jid server = Jid.domain(target.domain());
        Flux.fromIterable(sessions)
            .flatMap(s -> s.request(Iq.get(server, PING)).onErrorResume(e -> {
                failures.incrementAndGet();
                errors.add(s.jid() + " ping: " + e);
                return Mono.empty();
            }), Math.max(1, target.concurrency()))
            .then()
            .block(target.timeout());
        return failures.get();
    }

    @Override
    public void close() {
        closing = true;
        try {
            Flux.fromIterable(sessions)
                .flatMap(s -> s.close().timeout(Duration.ofSeconds(30)).onErrorResume(e -> {
                    errors.add(s.jid() + " close: " + e);
                    return Mono.empty();
                }), Math.max(1, target.concurrency()))
                .then()
                .block(target.timeout());
        } finally {
            sasl.dispose();
        }
    }
}
