package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** This library's side of {@link PubSubFanout}: sessions on one shared BOSH transport, {@link PubSub} per session. */
final class OursPubSub implements PubSubFanout.Contender {

    static final String NODE = "bench";
    static final String NS = "urn:example:bench";

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public Map<String, Object> run(Target target, String service, PubSubFanout.Settings settings) {
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        Scheduler sasl = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 100_000, "bench-sasl");
        BoshTransport transport = OursBosh.transport(target.boshUrl()); // Prosody orders requests itself: guard 0, its best setting
        Jid pubsubJid = Jid.domain(service);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<XmppSession> sessions = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            sessions.addAll(Flux.range(1, settings.subscribers() + 1)
                .flatMapSequential(i -> XmppClient.builder().jid("user" + i + "@" + target.domain())
                    .password(target.password()).transport(transport).enabledMechanisms(List.of("SCRAM-SHA-1"))
                    .saslScheduler(sasl).build().connect().onErrorResume(e -> {
                        errors.add("user" + i + " login: " + e);
                        return Mono.empty();
                    }), target.concurrency())
                .collectList().block(target.timeout()));
            figures.put("loginSeconds", Latencies.round((System.nanoTime() - t0) / 1e9));
            PubSub publisher = PubSub.of(sessions.get(0), pubsubJid);
            publisher.createNode(NODE).block(target.timeout());

            AtomicLong delivered = new AtomicLong();
            AtomicLong lastAt = new AtomicLong();
            AtomicLong expectedHolder = new AtomicLong(Long.MAX_VALUE);
            Sinks.One<Long> done = Sinks.one();
            long t1 = System.nanoTime();
            // a subscriber whose subscribe fails is left out (its error recorded), not the whole run
            Long subscribed = Flux.fromIterable(sessions.subList(1, sessions.size()))
                .flatMap(s -> {
                    PubSub pubsub = PubSub.of(s, pubsubJid);
                    pubsub.events().subscribe(e -> {
                        if (e instanceof PubSubEvent.Published p && NODE.equals(p.node())) {
                            long n = delivered.addAndGet(p.items().size());
                            if (n >= expectedHolder.get()) {
                                lastAt.set(System.nanoTime());
                                done.tryEmitValue(n);
                            }
                        }
                    });
                    return pubsub.subscribe(NODE).onErrorResume(e -> {
                        errors.add(s.jid() + " subscribe: " + e);
                        return Mono.empty();
                    });
                }, target.concurrency())
                .count().block(target.timeout());
            long expected = (subscribed == null ? 0 : subscribed) * settings.items();
            expectedHolder.set(expected);
            figures.put("subscribers", subscribed);
            figures.put("subscribeSeconds", Latencies.round((System.nanoTime() - t1) / 1e9));

            AtomicLong published = new AtomicLong();
            target.meter().begin();
            long start = System.nanoTime();
            figures.put("expected", expected);
            Flux.range(1, settings.items())
                .flatMap(i -> publisher.publish(NODE, PubSubItem.of("i" + i,
                    XmlElement.builder(NS, "entry").text("item " + i).build())).onErrorResume(e -> {
                        errors.add("publish " + i + ": " + e);
                        return Mono.empty();
                    }).doOnNext(id -> published.incrementAndGet()), settings.inFlight())
                .then().timeout(target.timeout()).onErrorResume(e -> {
                    errors.add("publishing: " + e + " after " + published.get() + " items");
                    return Mono.empty();
                }).block();
            figures.put("published", published.get());
            figures.put("publishSeconds", Latencies.round((System.nanoTime() - start) / 1e9));
            done.asMono().timeout(target.timeout()).onErrorResume(e -> {
                errors.add("not all events arrived: " + delivered.get() + " of " + expected);
                return Mono.empty();
            }).block();
            target.meter().end();
            figures.put("delivered", delivered.get());
            if (lastAt.get() > 0) {
                figures.put("firstPublishToLastEventSeconds", Latencies.round((lastAt.get() - start) / 1e9));
            }
        } catch (RuntimeException e) {
            errors.add(e.toString());
        } finally {
            Flux.fromIterable(sessions).flatMap(s -> s.close().timeout(Duration.ofSeconds(30))
                .onErrorResume(e -> Mono.empty()), target.concurrency()).then().block(target.timeout());
            sasl.dispose();
        }
        figures.put("errors", List.copyOf(errors).subList(0, Math.min(errors.size(), 10)));
        figures.put("errorCount", errors.size());
        return figures;
    }
}
