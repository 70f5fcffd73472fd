package org.reactorxmpp.xmpp.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A transport-agnostic stream-management scenario for integration tests: a flood of messages from a sender
 * whose connection goes through a {@link FaultProxy} to a receiver connected directly, with the connection cut
 * {@code cuts} times. Any transport runs it given a factory:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
 *     StreamManagementCuts.Result r = StreamManagementCuts.run(server, proxy,
 *         p -> TcpTransport.builder().host("127.0.0.1").port(p.port()).build(),   // through the proxy
 *         s -> TcpTransport.builder().host(s.address()).port(s.c2sPort()).build(), // directly
 *         10_000, 100, FaultProxy::cut);
 *     assertThat(r.lost()).isZero(); assertThat(r.duplicated()).isZero(); assertThat(r.reordered()).isZero();
 *     assertThat(r.resumed()).isEqualTo(100);
 * }
 * }</pre>
 *
 * <p>The schedule cannot hang and gives every cut the same chance: cut {@code c} comes once the messages before
 * the {@code c}-th of {@code cuts + 1} equal parts of the flood are written <em>and</em> the reconnect after the
 * previous cut is connected with a resumable session; the sender may not run more than one part ahead of the
 * cuts, so every cut falls into traffic. Every wait is bounded ({@link #STEP}) and fails with what it waited for.
 * At the end the sender sends a marker with {@code sendAcked}: the server handled everything before it, so what
 * arrives at the receiver before the marker is all there is to count (no sleep for late duplicates).
 */
public final class StreamManagementCuts {

    /** The bound of each wait of the schedule. */
    public static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private StreamManagementCuts() {
    }

    /** A way to cut the sender's connection. */
    @FunctionalInterface
    public interface Cutter {
        void cut(FaultProxy proxy) throws Exception;
    }

    /** A message's arrival at the receiver, with {@link System#nanoTime()}. */
    public record Arrival(String body, long nanos) {
    }

    /**
     * What the receiver got.
     *
     * @param lost messages that never arrived
     * @param duplicated arrivals beyond the first of a message
     * @param reordered first arrivals out of order
     * @param resumed the sender's reconnects that resumed the session
     * @param newSessions the sender's reconnects that bound a new session
     * @param cuts the cuts made
     * @param arrivals every arrival, in order
     */
    public record Result(int lost, int duplicated, int reordered, int resumed, int newSessions, int cuts,
                         List<Arrival> arrivals) {
        @Override
        public String toString() {
            return "lost " + lost + ", duplicated " + duplicated + ", reordered " + reordered + ", cuts " + cuts
                + ", resumed " + resumed + ", new sessions " + newSessions;
        }
    }

    /**
     * @param server the server
     * @param proxy the proxy in front of the port the sender's transport uses
     * @param viaProxy the sender's transport, through the proxy
     * @param direct the receiver's transport
     * @param messages how many messages
     * @param cuts how many cuts, spread evenly over the flood
     * @param cutter how to cut (for example {@link FaultProxy#cut()})
     * @return the counts
     */
    public static Result run(XmppTestServer server, FaultProxy proxy, Function<FaultProxy, Transport> viaProxy,
                             Function<XmppTestServer, Transport> direct, int messages, int cuts, Cutter cutter)
        throws Exception {
        List<TestAccount> accounts = server.newAccounts("smcuts", 2);
        XmppSession b = XmppClient.builder().jid(accounts.get(1).jid()).password(accounts.get(1).password())
            .transport(direct.apply(server)).build().connect().block(TIMEOUT);
        XmppSession a = XmppClient.builder().jid(accounts.get(0).jid()).password(accounts.get(0).password())
            .transport(viaProxy.apply(proxy))
            .reconnect(Reconnect.backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .streamManagement(StreamManagement.enabled().withMaxUnacked(2 * messages).withAckEvery(50))
            .offlineQueueSize(messages).bindRetryCountdown(Duration.ofSeconds(5))
            .build().connect().block(TIMEOUT);
        try {
            for (XmppSession s : List.of(a, b)) {
                s.request(Iq.set(null, XmlElement.builder("urn:xmpp:mam:2", "prefs").attribute("default", "never")
                    .build())).block(TIMEOUT);
            }
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            AtomicInteger connected = new AtomicInteger();
            a.stateChanges().subscribe(s -> {
                states.add(s);
                if (s.kind() == ConnectionState.Kind.CONNECTED) {
                    connected.incrementAndGet();
                }
            });
            List<Arrival> arrived = new CopyOnWriteArrayList<>();
            b.messages().map(Message::body).filter(body -> body != null && body.startsWith("m"))
                .subscribe(body -> arrived.add(new Arrival(body, System.nanoTime())));
            AtomicInteger written = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Sinks.Many<Integer> cutsDone = Sinks.many().replay().latest();
            cutsDone.tryEmitNext(0);
            Flux.range(0, messages)
                .flatMapSequential(i -> {
                    // message i belongs to part i * (cuts + 1) / messages: it waits for the cut before the previous part
                    int need = (int) ((long) i * (cuts + 1) / messages) - 1;
                    Mono<Integer> gate = cutsDone.asFlux().filter(n -> n >= need).next();
                    return a.send(Message.builder().to(b.jid().asBare()).type(Message.Type.CHAT).body("m" + i).build())
                        .delaySubscription(gate).doOnSuccess(v -> written.incrementAndGet());
                }, 1_000)
                .subscribe(null, errors::add);
            for (int n = 1; n <= cuts; n++) {
                int c = n;
                int at = (int) ((long) messages * c / (cuts + 1));
                int reconnects = c - 1;
                await(() -> (written.get() >= at && connected.get() >= reconnects
                        && a.streamManagement().resumable()) || !errors.isEmpty(),
                    () -> "cut " + c + ": message " + at + " written (" + written.get() + "), reconnect " + reconnects
                        + " connected (" + connected.get() + "), resumable (" + a.streamManagement() + "); states "
                        + states.subList(Math.max(0, states.size() - 6), states.size()));
                cutter.cut(proxy);
                cutsDone.tryEmitNext(c);
            }
            String last = "m" + (messages - 1);
            await(() -> arrived.stream().anyMatch(x -> x.body().equals(last)) || !errors.isEmpty(),
                () -> "the last message (" + arrived.size() + " arrivals, " + written.get() + " written)");
            if (!errors.isEmpty()) {
                throw new AssertionError("sending failed", errors.get(0));
            }
            // the server handled everything before an acknowledged marker: what is routed is in before it
            Mono<String> marker = b.messages().map(Message::body).filter("end"::equals).next().cache();
            marker.subscribe(null, e -> { });
            a.sendAcked(Message.builder().to(b.jid().asBare()).type(Message.Type.CHAT).body("end").build())
                .block(STEP);
            marker.block(STEP);
            return count(List.copyOf(arrived), messages, states, cuts);
        } finally {
            a.close().onErrorResume(e -> a.onClose()).block(TIMEOUT);
            b.close().block(TIMEOUT);
        }
    }

    private static Result count(List<Arrival> arrived, int messages, List<ConnectionState> states, int cuts) {
        boolean[] seen = new boolean[messages];
        int duplicated = 0;
        int reordered = 0;
        int previous = -1;
        int firsts = 0;
        for (Arrival arrival : arrived) {
            int i = Integer.parseInt(arrival.body().substring(1));
            if (seen[i]) {
                duplicated++;
                continue;
            }
            seen[i] = true;
            firsts++;
            if (i < previous) {
                reordered++;
            }
            previous = Math.max(previous, i);
        }
        int resumed = 0;
        int fresh = 0;
        for (ConnectionState s : new ArrayList<>(states)) {
            if (s.kind() == ConnectionState.Kind.CONNECTED) {
                if (s.isResumed()) {
                    resumed++;
                } else {
                    fresh++;
                }
            }
        }
        return new Result(messages - firsts, duplicated, reordered, resumed, fresh, cuts, arrived);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
        throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + STEP + " waiting for: " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
