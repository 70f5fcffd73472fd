package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.tcp.TcpTransport;
import org.reactorxmpp.xmpp.transport.websocket.WebSocketTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This library under load. All sessions share one transport ({@link BoshTransport}, or
 * {@link TcpTransport} / {@link WebSocketTransport} with {@code --transport tcp|ws}; all on Reactor
 * Netty's event loops) and one SASL scheduler with one thread per core, so the threads do not depend
 * on the number of sessions. TCP runs without TLS ({@link TcpTransport.Security#NONE}) and WebSocket
 * over {@code ws://}, as the load server offers no TLS and Smack runs without it too; stream
 * management is off (the load server does not offer it). The harness blocks only here, at the
 * program's edge.
 */
final class OursContender implements Contender {

    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");
    private static final int SASL_THREADS = Runtime.getRuntime().availableProcessors();

    @Override
    public String name() {
        return "ours";
    }

    private static XmppClient client(Target target, Transport transport, Scheduler sasl, String user) {
        return XmppClient.builder()
            .jid(user + "@" + target.domain())
            .password(target.password())
            .transport(transport)
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .saslScheduler(sasl)
            .inboundBufferSize(65_536)
            .build();
    }

    private static Transport transport(Target target) {
        return switch (target.transport()) {
            case BOSH -> OursBosh.transport(target.boshUrl());
            case TCP -> TcpTransport.builder().host(target.address()).port(target.c2sPort())
                .security(TcpTransport.Security.NONE).build();
            case WS -> WebSocketTransport.builder().url(target.websocketUrl()).build();
        };
    }

    @Override
    public Map<String, Object> login(Target target, int n) {
        Scheduler sasl = Schedulers.newBoundedElastic(SASL_THREADS, 1_000_000, "bench-sasl", 60, true);
        try {
            Transport transport = transport(target);
            Jid server = Jid.domain(target.domain());
            Queue<String> errors = new ConcurrentLinkedQueue<>();
            SyncLatencies loginTimes = new SyncLatencies(n);
            ProcessStats before = ProcessStats.afterGc();
            target.meter().begin();
            long start = System.nanoTime();
            List<XmppSession> sessions = Flux.range(1, n)
                .flatMap(i -> client(target, transport, sasl, "user" + i).connect()
                    .elapsed()
                    .map(timed -> {
                        loginTimes.add(timed.getT1() * 1_000_000);
                        return timed.getT2();
                    })
                    .onErrorResume(e -> {
                        errors.add("user" + i + " login: " + e);
                        return Mono.empty();
                    }), target.concurrency())
                .collectList()
                .block(target.timeout());
            long loggedIn = System.nanoTime();
            target.meter().end();
            sessions = sessions == null ? List.of() : sessions;
            ProcessStats.sleep(target.hold().toMillis());
            ProcessStats held = ProcessStats.afterGc();
            AtomicInteger pingFailures = new AtomicInteger();
            Flux.fromIterable(sessions)
                .flatMap(s -> s.request(Iq.get(server, PING))
                    .onErrorResume(e -> {
                        pingFailures.incrementAndGet();
                        errors.add(s.jid() + " ping: " + e);
                        return Mono.empty();
                    }), target.concurrency())
                .then()
                .block(target.timeout());
            long closeStart = System.nanoTime();
            AtomicInteger closeFailures = new AtomicInteger();
            Flux.fromIterable(sessions)
                .flatMap(s -> s.close().onErrorResume(e -> {
                    closeFailures.incrementAndGet();
                    errors.add(s.jid() + " close: " + e);
                    return Mono.empty();
                }), target.concurrency())
                .then()
                .block(target.timeout());
            long end = System.nanoTime();
            Map<String, Object> figures = LoginFigures.of(n, sessions.size(), pingFailures.get(), closeFailures.get(),
                start, loggedIn, closeStart, end, before, held, ProcessStats.processCpuNanos(), errors);
            figures.putAll(loginTimes.summary("login"));
            return figures;
        } finally {
            sasl.dispose();
        }
    }

    private static Mono<XmppSession> connect(Target target, Transport transport, Scheduler sasl, String user) {
        return client(target, transport, sasl, user).connect().timeout(target.timeout());
    }

    private static Message chat(Jid to, String id, String body) {
        return Message.builder().type(Message.Type.CHAT).to(to).id(id).body(body).build();
    }

    @Override
    public Map<String, Object> rtt(Target target, int m) {
        Scheduler sasl = Schedulers.newBoundedElastic(SASL_THREADS, 1000, "bench-sasl", 60, true);
        Transport transport = transport(target);
        XmppSession a = connect(target, transport, sasl, "user1").block();
        XmppSession b = connect(target, transport, sasl, "user2").block();
        try {
            // B echoes every chat message back to its sender with the same id and body
            Disposable echo = b.messages()
                .filter(msg -> msg.from() != null && msg.body() != null)
                .concatMap(msg -> b.send(chat(msg.from(), msg.id() == null ? "x" : msg.id(), msg.body()))
                    .onErrorResume(e -> Mono.empty()))
                .subscribe();
            Latencies latencies = new Latencies(m);
            int failures = 0;
            for (int i = -target.warmup(); i < m; i++) {
                if (i == 0) {
                    target.meter().begin();
                }
                String id = "rtt-" + i;
                Sinks.One<Long> done = Sinks.one();
                Disposable wait = a.messages().filter(msg -> id.equals(msg.id())).next()
                    .subscribe(msg -> done.tryEmitValue(System.nanoTime()));
                long t0 = System.nanoTime();
                Long t1 = a.send(chat(b.jid(), id, "ping " + i)).then(done.asMono())
                    .timeout(Duration.ofSeconds(10)).onErrorResume(e -> Mono.empty()).block();
                wait.dispose();
                if (t1 == null) {
                    failures++;
                } else if (i >= 0) {
                    latencies.add(t1 - t0);
                }
            }
            target.meter().end();
            echo.dispose();
            Map<String, Object> out = new LinkedHashMap<>(latencies.summary());
            out.put("failures", failures);
            return out;
        } finally {
            closeQuietly(a);
            closeQuietly(b);
            sasl.dispose();
        }
    }

    @Override
    public Map<String, Object> flood(Target target, int m) {
        Scheduler sasl = Schedulers.newBoundedElastic(SASL_THREADS, 1000, "bench-sasl", 60, true);
        BoshExchanges exchanges = new BoshExchanges();
        Transport transport = transport(target);
        if (transport instanceof BoshTransport bosh) {
            transport = bosh.withObserver(exchanges);
        }
        XmppSession a = connect(target, transport, sasl, "user1").block();
        XmppSession b = connect(target, transport, sasl, "user2").block();
        try {
            FloodTally tally = new FloodTally(m);
            java.util.concurrent.atomic.AtomicReference<Throwable> receiveError = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> senderError = new java.util.concurrent.atomic.AtomicReference<>();
            a.onClose().subscribe(null, senderError::set);
            Disposable counter = b.messages()
                .subscribe(msg -> {
                    String body = msg.body();
                    if (body != null) {
                        tally.received(body);
                    }
                }, receiveError::set);
            exchanges.reset();
            Map<String, Object> out = sendMetered(target, a, b.jid(), m, tally);
            counter.dispose();
            if (target.transport() == TransportKind.BOSH) {
                exchanges.put(out);
            }
            // a loss is reported with its cause, never silently
            if (receiveError.get() != null) {
                out.put("receiverError", String.valueOf(receiveError.get()));
            }
            if (senderError.get() != null) {
                out.put("senderError", String.valueOf(senderError.get()));
            }
            return out;
        } finally {
            closeQuietly(a);
            closeQuietly(b);
            sasl.dispose();
        }
    }

    @Override
    public Map<String, Object> floodTo(Target target, String to,
                                       java.util.function.Function<FloodSplit.Sender, Map<String, Object>> phase) {
        Scheduler sasl = Schedulers.newBoundedElastic(SASL_THREADS, 1000, "bench-sasl", 60, true);
        XmppSession a = connect(target, transport(target), sasl, "user1").block();
        try {
            java.util.concurrent.atomic.AtomicReference<Throwable> senderError = new java.util.concurrent.atomic.AtomicReference<>();
            a.onClose().subscribe(null, senderError::set);
            Jid peer = Jid.parse(to);
            Map<String, Object> out = new LinkedHashMap<>(phase.apply(m -> {
                AtomicInteger failures = new AtomicInteger();
                sendWindowed(a, peer, m, failures, target.timeout());
                return failures.get();
            }));
            if (senderError.get() != null) {
                out.put("senderError", String.valueOf(senderError.get()));
            }
            return out;
        } finally {
            closeQuietly(a);
            sasl.dispose();
        }
    }

    @Override
    public Map<String, Object> floodFrom(Target target, java.util.function.Consumer<String> bodies,
                                         java.util.function.Consumer<String> drive) {
        Scheduler sasl = Schedulers.newBoundedElastic(SASL_THREADS, 1000, "bench-sasl", 60, true);
        XmppSession b = connect(target, transport(target), sasl, "user2").block();
        try {
            java.util.concurrent.atomic.AtomicReference<Throwable> receiveError = new java.util.concurrent.atomic.AtomicReference<>();
            Disposable counter = b.messages().subscribe(msg -> {
                String body = msg.body();
                if (body != null) {
                    bodies.accept(body);
                }
            }, receiveError::set);
            drive.accept(b.jid().toString());
            counter.dispose();
            Map<String, Object> out = new LinkedHashMap<>();
            if (receiveError.get() != null) {
                out.put("receiverError", String.valueOf(receiveError.get()));
            }
            return out;
        } finally {
            closeQuietly(b);
            sasl.dispose();
        }
    }

    /**
     * Sends chat messages 1..M from {@code a} to {@code to} as fast as allowed (at most 4,096 sends not yet
     * written; the transport batches them), metered until the tally is complete. Every transport uses
     * {@link #sendWindowed}; {@code -Dbench.flatMapDriver=true} brings back the earlier {@code flatMap} driver
     * (BOSH rows before 2026-12-01 05:00 UTC) for comparison.
     *
     * @return the tally's figures with sendSeconds and sendFailures
     */
    private static Map<String, Object> sendMetered(Target target, XmppSession a, Jid to, int m, FloodTally tally) {
        AtomicInteger sendFailures = new AtomicInteger();
        target.meter().begin();
        long start = System.nanoTime();
        if (FLATMAP_DRIVER) {
            Flux.range(1, m)
                .flatMap(i -> a.send(chat(to, "f" + i, Integer.toString(i)))
                    .onErrorResume(e -> {
                        sendFailures.incrementAndGet();
                        return Mono.empty();
                    }), WINDOW)
                .then()
                .block(target.timeout());
        } else {
            sendWindowed(a, to, m, sendFailures, target.timeout());
        }
        long sent = System.nanoTime();
        FloodWait.until(tally, target.timeout());
        target.meter().end();
        Map<String, Object> out = tally.summary(start);
        out.put("sendSeconds", Latencies.round((sent - start) / 1e9));
        out.put("sendFailures", sendFailures.get());
        return out;
    }

    /** Whether the flood uses the earlier {@code flatMap(send, 4096)} driver (system property {@code bench.flatMapDriver}). */
    static final boolean FLATMAP_DRIVER = Boolean.getBoolean("bench.flatMapDriver");

    /**
     * The flood driver: the harness thread calls {@code send} for 1..M in order, at most
     * {@value #WINDOW} not yet written, as Smack's driver calls {@code sendStanza} in a loop. (The earlier driver's
     * {@code flatMap} with a window of 4,096 scans its inner subscribers on every completion: on the socket
     * transports, whose sends complete one by one on the event loop, a JFR profile put about half of the event
     * loop's samples in that scan, charged to the library and delaying its writes.)
     */
    private static void sendWindowed(XmppSession a, Jid to, int m, AtomicInteger failures, Duration timeout) {
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(WINDOW);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 1; i <= m; i++) {
                if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("flood: no send completed within " + timeout);
                }
                a.send(chat(to, "f" + i, Integer.toString(i))).subscribe(null, e -> {
                    failures.incrementAndGet();
                    window.release();
                }, window::release);
            }
            if (!window.tryAcquire(WINDOW, Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("flood: sends not all done within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("flood interrupted", e);
        }
    }

    private static final int WINDOW = 4096;

    private static void closeQuietly(XmppSession s) {
        s.close().timeout(Duration.ofSeconds(10)).onErrorResume(e -> Mono.empty()).block();
    }

    @Override
    public Population population(Target target, int n, Population.@Nullable Listener listener) {
        return new OursPopulation(target, n, listener);
    }
}
