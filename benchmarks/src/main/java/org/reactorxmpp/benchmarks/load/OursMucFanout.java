package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.muc.History;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The MUC fan-out with this library: N sessions on one shared {@link BoshTransport} enter one room
 * ({@code Muc.join}, no history), the first one sends M groupchat messages as fast as allowed (every
 * send subscribed at once up to a window of 4,096, as in flood), each occupant counts its
 * {@link Room#messages()}.
 */
final class OursMucFanout {

    private OursMucFanout() {
    }

    static Map<String, Object> run(Target target, int occupants, int messages, String roomName) {
        BoshTransport transport = OursBosh.transport(target.boshUrl());
        Scheduler sasl = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 1_000_000, "bench-sasl", 60, true);
        List<XmppSession> sessions = new ArrayList<>();
        try {
            sessions.addAll(Flux.range(1, occupants)
                .flatMapSequential(i -> XmppClient.builder().jid("user" + i + "@" + target.domain()).password(target.password())
                    .transport(transport).enabledMechanisms(List.of("SCRAM-SHA-1")).saslScheduler(sasl).build().connect(),
                    target.concurrency())
                .collectList().block(target.timeout()));
            BareJid jid = BareJid.of(roomName, "conference." + target.domain());
            JoinOptions noHistory = JoinOptions.builder().history(History.none()).build();
            Room sender = Muc.of(sessions.get(0)).join(jid, "u1", noHistory).block(target.timeout());
            List<Room> rooms = new ArrayList<>();
            rooms.add(sender);
            rooms.addAll(Flux.range(1, occupants - 1)
                .flatMapSequential(i -> Muc.of(sessions.get(i)).join(jid, "u" + (i + 1), noHistory), 16)
                .collectList().block(target.timeout()));
            MucFanoutTally tally = new MucFanoutTally(occupants, messages);
            List<String> ended = java.util.Collections.synchronizedList(new ArrayList<>());
            sessions.forEach(s -> s.onClose().subscribe(null, e -> ended.add(s.jid() + ": " + e), () -> ended.add(s.jid() + ": closed")));
            rooms.forEach(r -> r.exit().subscribe(why -> ended.add(r.jid() + " exit " + why)));
            for (int i = 0; i < rooms.size(); i++) {
                int occupant = i;
                rooms.get(i).messages().subscribe(m -> tally.delivered(occupant, m.body().orElse(null)));
            }
            AtomicInteger sendFailures = new AtomicInteger();
            target.meter().begin();
            long start = System.nanoTime();
            Flux.range(0, messages)
                .flatMap(i -> sender.send("m" + i).onErrorResume(e -> {
                    sendFailures.incrementAndGet();
                    return Mono.empty();
                }), 4096)
                .then()
                .block(target.timeout());
            long sent = System.nanoTime();
            boolean complete = tally.await(target.timeout());
            target.meter().end();
            Map<String, Object> figures = MucFanoutHarness.figures(tally, complete, start, sent, sendFailures.get(), occupants, messages);
            figures.put("sessionsEndedDuringRun", ended.size());
            if (!ended.isEmpty()) {
                figures.put("firstEnded", ended.get(0));
                synchronized (ended) {
                    ended.forEach(e -> System.err.println("OursMucFanout: ended: " + e));
                }
            }
            return figures;
        } finally {
            Flux.fromIterable(sessions)
                .flatMap(s -> s.close().timeout(Duration.ofSeconds(30)).onErrorResume(e -> Mono.empty()), 32)
                .then().block(target.timeout());
            sasl.dispose();
        }
    }
}
