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
 * sending {@code ping} commands to random bots and timing the answers; after {@code RESTART_AT} seconds
 * Prosody is restarted and every session reconnects by itself (a session that ends for good counts as
 * {@code ended}). A summary line is printed once a second.
 *
 * <p>{@code BOTS=1000 SECONDS=60 RATE=200 ./mvnw -B -q -Pdemo -DskipTests package
 * -Ddemo.main=org.reactorxmpp.samples.bots.FanOutBots} (environment variables, all optional: {@code BOTS},
 * {@code SECONDS} to run, {@code RATE} commands per second, {@code RESTART_AT} the second Prosody restarts,
 * 0 for never; default a third of {@code SECONDS}).
 */
public final class FanOutBots {

    private static final String PASSWORD = "secret";
    private static final int CLIENTS = 4;
    private static final Duration LOST_AFTER = Duration.ofSeconds(10);

    private FanOutBots() {
    }

    public static void main(String[] args) throws InterruptedException {
        int bots = setting("BOTS", 1000);
        int seconds = setting("SECONDS", 60);
        int rate = setting("RATE", 200);
        int restartAt = setting("RESTART_AT", seconds / 3);
        try (ProsodyServer prosody = ProsodyServer.builder().users("bot", bots, PASSWORD).users("client", CLIENTS, PASSWORD).build()) {
            prosody.start();
            System.out.printf("Prosody at %s; logging in %d bots and %d clients over BOSH%n", prosody.boshUrl(), bots, CLIENTS);
            LiveStats stats = new LiveStats(bots);
            Disposable.Composite running = Disposables.composite();
            long t0 = System.nanoTime();
            running.add(Flux.interval(Duration.ofSeconds(1)).subscribe(n -> System.out.println(stats.line())));
            List<XmppSession> botSessions = Flux.range(0, bots)
                .flatMap(i -> login(prosody, "bot" + (i + 1)).doOnNext(s -> {
                    running.add(s.states().subscribe(st -> {
                        if (st.kind() == ConnectionState.Kind.DISCONNECTED) {
                            stats.ended(i);
                        } else {
                            stats.up(i, st.kind() == ConnectionState.Kind.CONNECTED);
                        }
                    }));
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
            for (int second = 1; second <= seconds; second++) {
                Thread.sleep(1000);   // the main thread only paces the program; all XMPP work is on the event loops
                if (second == restartAt) {
                    System.out.println("---- restarting Prosody: every session loses its connection ----");
                    restart(prosody);
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

    /** Stops Prosody and starts it again on the same ports (a few tries: a busy machine can be slow to start it). */
    private static void restart(ProsodyServer prosody) {
        prosody.stop();
        for (int attempt = 1; ; attempt++) {
            try {
                prosody.start();
                System.out.println("---- Prosody is back ----");
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("---- Prosody did not come up in time, starting it again ----");
            }
        }
    }

    /** @return the environment variable's value, or the default when it is not set */
    static int setting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
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
