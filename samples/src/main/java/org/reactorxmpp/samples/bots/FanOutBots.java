package org.reactorxmpp.samples.bots;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * N {@link CommandBot}s in one JVM (default 1,000) against a local Prosody, with a few client sessions
 * sending {@code ping} commands to random bots and timing the answers; halfway through, Prosody is
 * restarted and every session reconnects by itself. A summary line is printed once a second.
 *
 * <p>{@code ./mvnw -B -q -Pdemo -DskipTests package -Ddemo.main=org.reactorxmpp.samples.bots.FanOutBots
 * -Dbots=1000 -Dseconds=40 -Drate=200} (system properties: {@code bots}, {@code seconds}, {@code rate}
 * commands per second, {@code restartAt} seconds, 0 for no restart).
 */
public final class FanOutBots {

    private static final String PASSWORD = "secret";
    private static final int CLIENTS = 4;
    private static final Duration LOST_AFTER = Duration.ofSeconds(10);

    private FanOutBots() {
    }

    public static void main(String[] args) throws InterruptedException {
        int bots = Integer.getInteger("bots", 1000);
        int seconds = Integer.getInteger("seconds", 40);
        int rate = Integer.getInteger("rate", 200);
        int restartAt = Integer.getInteger("restartAt", seconds / 2);
        try (ProsodyServer prosody = ProsodyServer.builder().users("bot", bots, PASSWORD).users("client", CLIENTS, PASSWORD).build()) {
            prosody.start();
            System.out.printf("Prosody at %s; logging in %d bots and %d clients over BOSH%n", prosody.boshUrl(), bots, CLIENTS);
            LiveStats stats = new LiveStats(bots);
            Disposable.Composite running = Disposables.composite();
            long t0 = System.nanoTime();
            List<XmppSession> botSessions = Flux.range(0, bots)
                .flatMap(i -> login(prosody, "bot" + (i + 1)).doOnNext(s -> {
                    running.add(s.states().subscribe(st -> stats.up(i, st.kind() == ConnectionState.Kind.CONNECTED)));
                    running.add(new CommandBot(s, stats.answered()).run().subscribe(null, e -> { }));
                }), 64)
                .collectList().block(Duration.ofMinutes(5));
            System.out.printf("%d bots up in %d ms%n", botSessions.size(), (System.nanoTime() - t0) / 1_000_000);
            List<XmppSession> clients = Flux.range(1, CLIENTS).flatMap(i -> login(prosody, "client" + i))
                .collectList().block(Duration.ofMinutes(1));
            List<BareJid> targets = new ArrayList<>();
            for (int i = 1; i <= bots; i++) {
                targets.add(BareJid.parse("bot" + i + "@" + prosody.host()));
            }
            running.add(commands(clients, targets, rate, stats));
            running.add(Flux.interval(Duration.ofSeconds(1)).subscribe(n -> System.out.println(stats.line())));
            for (int second = 1; second <= seconds; second++) {
                Thread.sleep(1000);   // the main thread only paces the program; all XMPP work is on the event loops
                if (second == restartAt) {
                    System.out.println("---- restarting Prosody: every session loses its connection ----");
                    prosody.restart();
                    System.out.println("---- Prosody is back ----");
                }
            }
            running.dispose();
            List<XmppSession> all = new ArrayList<>(botSessions);
            all.addAll(clients);
            Flux.fromIterable(all).flatMap(s -> s.close().onErrorResume(e -> Mono.empty()), 256)
                .then().block(Duration.ofMinutes(1));
            System.out.println("all sessions closed; " + stats.answered().get() + " commands answered in total");
        }
    }

    /** The clients send {@code rate} pings per second in all, each to a random bot, and time the pongs. */
    private static Disposable commands(List<XmppSession> clients, List<BareJid> bots, int rate, LiveStats stats) {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        Disposable.Composite all = Disposables.composite();
        for (XmppSession client : clients) {
            all.add(client.messages().filter(m -> m.body() != null && m.body().startsWith("pong ")).subscribe(m -> {
                Long sent = pending.remove(m.body().substring(5));
                if (sent != null) {
                    stats.latency(System.nanoTime() - sent);
                }
            }));
        }
        int perTick = Math.max(1, rate / 10);
        all.add(Flux.interval(Duration.ofMillis(100)).onBackpressureDrop().subscribe(tick -> {
            long now = System.nanoTime();
            pending.values().removeIf(sent -> {
                boolean old = now - sent > LOST_AFTER.toNanos();
                if (old) {
                    stats.lost();
                }
                return old;
            });
            for (int i = 0; i < perTick; i++) {
                String token = Long.toString(sequence.incrementAndGet());
                XmppSession client = clients.get(ThreadLocalRandom.current().nextInt(clients.size()));
                BareJid bot = bots.get(ThreadLocalRandom.current().nextInt(bots.size()));
                pending.put(token, System.nanoTime());
                client.send(Message.builder().to(bot).type(Message.Type.CHAT).body("ping " + token).build())
                    .subscribe(null, e -> pending.remove(token));
            }
        }));
        return all;
    }

    private static Mono<XmppSession> login(ProsodyServer prosody, String user) {
        return XmppClient.builder()
            .jid(user + "@" + prosody.host())
            .password(PASSWORD)
            .transport(BoshTransport.builder().url(prosody.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .reconnect(Reconnect.backoff(Duration.ofMillis(500), Duration.ofSeconds(5)))
            .build()
            .connect();
    }
}
