package org.reactorxmpp.xmpp.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * A transport-agnostic stream-management scenario for integration tests: a flood of messages from a sender
 * whose connection goes through a {@link FaultProxy} to a receiver connected directly, with the connection cut
 * at evenly spaced points. Any transport runs it given a factory; the TCP transport's test is meant to be:
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
 */
public final class StreamManagementCuts {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private StreamManagementCuts() {
    }

    /** A way to cut the sender's connection. */
    @FunctionalInterface
    public interface Cutter {
        void cut(FaultProxy proxy) throws Exception;
    }

    /**
     * What the receiver got.
     *
     * @param lost messages that never arrived
     * @param duplicated arrivals beyond the first of a message
     * @param reordered first arrivals out of order
     * @param resumed the sender's reconnects that resumed the session
     * @param newSessions the sender's reconnects that bound a new session
     */
    public record Result(int lost, int duplicated, int reordered, int resumed, int newSessions) {
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
            a.stateChanges().subscribe(states::add);
            List<String> arrived = new CopyOnWriteArrayList<>();
            b.messages().map(Message::body).filter(body -> body != null && body.startsWith("m")).subscribe(arrived::add);
            AtomicInteger written = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Flux.range(0, messages)
                .flatMapSequential(i -> a.send(Message.builder().to(b.jid().asBare()).type(Message.Type.CHAT)
                    .body("m" + i).build()).doOnSuccess(v -> written.incrementAndGet()), 1_000)
                .subscribe(null, errors::add);
            for (int c = 1; c <= cuts; c++) {
                int at = (int) ((long) messages * c / (cuts + 1));
                await(() -> written.get() >= at || !errors.isEmpty(), "message " + at + " written");
                cutter.cut(proxy);
            }
            String last = "m" + (messages - 1);
            await(() -> arrived.contains(last) || !errors.isEmpty(), "the last message");
            Thread.sleep(2_000); // late duplicates, if any
            if (!errors.isEmpty()) {
                throw new AssertionError("sending failed", errors.get(0));
            }
            return count(arrived, messages, states);
        } finally {
            a.close().onErrorResume(e -> a.onClose()).block(TIMEOUT);
            b.close().block(TIMEOUT);
        }
    }

    private static Result count(List<String> arrived, int messages, List<ConnectionState> states) {
        boolean[] seen = new boolean[messages];
        int duplicated = 0;
        int reordered = 0;
        int previous = -1;
        List<Integer> firsts = new ArrayList<>();
        for (String body : arrived) {
            int i = Integer.parseInt(body.substring(1));
            if (seen[i]) {
                duplicated++;
                continue;
            }
            seen[i] = true;
            if (i < previous) {
                reordered++;
            }
            previous = Math.max(previous, i);
            firsts.add(i);
        }
        int lost = messages - firsts.size();
        int resumed = 0;
        int fresh = 0;
        boolean reconnecting = false;
        for (ConnectionState s : states) {
            if (s.kind() == ConnectionState.Kind.RECONNECTING) {
                reconnecting = true;
            } else if (s.kind() == ConnectionState.Kind.CONNECTED && reconnecting) {
                reconnecting = false;
                if (s.isResumed()) {
                    resumed++;
                } else {
                    fresh++;
                }
            }
        }
        return new Result(lost, duplicated, reordered, resumed, fresh);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
