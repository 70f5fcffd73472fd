package org.reactorxmpp.bosh.fleet.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.reactorxmpp.bosh.fleet.FleetAccount;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A fake server and its sessions for the placement tests: a session is a server-side id that any member may attach
 * while it lives, so the tests count logins, attaches and closes the way the real ITs count SASL logins.
 */
final class FakeSessions {

    /** One server-side session. */
    static final class Session {
        final String account;
        final String id;
        final AtomicLong rid = new AtomicLong(1);
        final Sinks.Empty<Void> closed = Sinks.empty();
        final Sinks.Many<Long> progress = Sinks.many().replay().latest();
        final AtomicInteger handlers = new AtomicInteger();

        Session(String account, String id) {
            this.account = account;
            this.id = id;
        }

        void advance() {
            progress.tryEmitNext(rid.incrementAndGet());
        }
    }

    final Map<String, Session> live = new ConcurrentHashMap<>();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger attaches = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    /** While set, sessions whose checkpoints start now never write one (a member that dies before its first). */
    volatile boolean holdCheckpoints;
    private final AtomicInteger ids = new AtomicInteger();

    /** A driver for one member; all members share this server. */
    SessionDriver<Session> driver() {
        return driver(false);
    }

    /**
     * @param stallLogins whether this member's logins authenticate on the server (counted in {@link #logins}) and
     *     then never complete (a member that dies while logging in)
     * @return a driver for one member; all members share this server
     */
    SessionDriver<Session> driver(boolean stallLogins) {
        return new SessionDriver<>() {
            @Override
            public Mono<Session> login(FleetAccount account) {
                return Mono.fromSupplier(() -> {
                    logins.incrementAndGet();
                    Session s = new Session(account.bareJid().toString(), "sid" + ids.incrementAndGet());
                    live.put(s.id, s);
                    s.advance();
                    return s;
                }).flatMap(s -> stallLogins ? Mono.<Session>never() : Mono.just(s));
            }

            @Override
            public Mono<Session> attach(FleetAccount account, byte[] state) {
                return Mono.defer(() -> {
                    String id = new String(state, StandardCharsets.UTF_8).split(":")[0];
                    Session s = live.get(id);
                    if (s == null) {
                        return Mono.error(new IllegalStateException("item-not-found: " + id));
                    }
                    attaches.incrementAndGet();
                    s.advance();
                    return Mono.just(s);
                });
            }

            @Override
            public Mono<byte[]> detach(Session session) {
                return Mono.fromSupplier(() -> state(session));
            }

            @Override
            public Flux<Supplier<byte[]>> checkpoints(Session session) {
                if (holdCheckpoints) {
                    return Flux.never();
                }
                return session.progress.asFlux().map(rid -> () -> state(session));
            }

            @Override
            public Mono<Void> checkpointsAhead(Session session, Function<Supplier<byte[]>, Mono<Void>> store) {
                if (holdCheckpoints) {
                    return Mono.never();
                }
                return session.progress.asFlux().concatMap(rid -> store.apply(() -> state(session)), 1)
                    .takeUntilOther(session.closed.asMono().then(Mono.just(true))).then();
            }

            @Override
            public Mono<Void> onClose(Session session) {
                return session.closed.asMono();
            }

            @Override
            public Mono<Void> close(Session session) {
                return Mono.fromRunnable(() -> {
                    closes.incrementAndGet();
                    live.remove(session.id);
                    session.closed.tryEmitEmpty();
                });
            }

            @Override
            public Disposable run(Session session) {
                session.handlers.incrementAndGet();
                return session.handlers::decrementAndGet;
            }
        };
    }

    private static byte[] state(Session s) {
        return (s.id + ":" + s.rid.get()).getBytes(StandardCharsets.UTF_8);
    }

    /** The server forgets a session without its client noticing (as a crashed client's session times out). */
    void expire(String id) {
        live.remove(id);
    }
}
