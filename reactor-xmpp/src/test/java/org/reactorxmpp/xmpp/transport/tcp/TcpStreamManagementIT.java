package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.FaultProxy;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.SmWireAnalysis;
import org.reactorxmpp.xmpp.testing.StreamManagementCuts;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * Stream management (XEP-0198) over TCP: a fault proxy cuts the sender's connection 100 times during a
 * 10,000-message flood (each cut once the previous reconnect is connected and resumable, every wait bounded;
 * see {@link StreamManagementCuts}), and its {@link org.reactorxmpp.xmpp.testing.WireLog} shows each
 * reconnect's {@code <resume h/>} / {@code <resumed h/>} and the sequence number of every message on the wire.
 *
 * <p>Two kinds of cut. {@link FaultProxy#cutClientSide}: the client's socket is reset, the server reads what it
 * was sent to its end before the client is let back in (a server that noticed the loss, the common case):
 * exactly once on both servers, every cut resumed on ejabberd (on Prosody see below). {@link FaultProxy#cut}: both sides reset at once, and the
 * client comes back while the server may still be reading the old connection's backlog: Prosody still delivers
 * exactly once; ejabberd 23.01 duplicates messages, and the wire shows whose count is wrong: the messages came
 * again because their numbers were above the {@code h} ejabberd resumed with, yet ejabberd had routed them.
 * Its {@code mod_stream_mgmt} hands the session's count to the new connection ({@code resume_session} call)
 * while the old connection's process may still be {@code active} with stanzas left to read; those it routes
 * afterwards, uncounted ({@code update_num_stanzas_in} counts only in {@code active}/{@code pending}, the old
 * process is then {@code resumed}). Deduplicating on our side would hide that, so the test asserts that every
 * duplicate is of that kind and that the client never wrote again what the server had acknowledged.
 *
 * <p>Prosody 0.12 parses a resumed connection with the XML parser of the session's first connection
 * ({@link TcpResumeAfterUnfinishedElementIT} shows it deterministically): when a cut left an element unfinished at
 * the server, the resumed stream is parsed as that element's continuation and Prosody ends it with
 * {@code not-well-formed} before acknowledging anything on it, closing the session; the client then binds a new
 * session and sends again what had not been acknowledged. The wire analysis replays each session's parser
 * ({@link SmWireAnalysis#resumedInsideAnElement()}), and the test asserts that Prosody ends only such streams, that
 * every reconnect that did not resume follows one, and that our own bytes before each {@code <resume/>} are whole
 * elements. A resume Prosody refuses with {@code item-not-found} follows such a stream too: the reset cut the
 * connection before the client read the stream error, and Prosody had revoked the resumption when it closed the
 * session ({@code pre-session-close}); its {@code session_registry} loses a session only there, at the hibernation
 * timeout (600 s) or at shutdown, and a session still attached to its old connection is taken over, so waiting or
 * resuming again cannot help. Nothing is retried: every run counts.
 */
@OnBothServers
class TcpStreamManagementIT {

    private static final int MESSAGES = 10_000;
    private static final int CUTS = 100;

    @Parameter
    XmppTestServer server;

    private StreamManagementCuts.Result run(FaultProxy proxy, StreamManagementCuts.Cutter cutter) throws Exception {
        return StreamManagementCuts.run(server, proxy,
            p -> TcpTransport.builder().host("127.0.0.1").port(p.port()).security(TcpTransport.Security.NONE).build(),
            s -> TcpTransport.builder().host(s.address()).port(s.c2sPort()).security(TcpTransport.Security.NONE)
                .build(),
            MESSAGES, CUTS, cutter);
    }

    private static List<SmWireAnalysis.Negotiation> notResumed(SmWireAnalysis wire) {
        return wire.reconnects().stream().filter(n -> n.outcome() != SmWireAnalysis.Outcome.RESUMED).toList();
    }

    private boolean isProsody() {
        return server.name().equals("Prosody");
    }

    /**
     * A resume whose stream Prosody could not read: nothing acknowledged on it, and, when the wire shows all the
     * server read ({@code exact}: client-side cuts end the server's side in order), resumed while the session's
     * parser was inside an element. A reset of both sides discards what the proxy had passed on and the server had not
     * received yet, so the wire cannot say where the server's parser stopped: then only the first holds.
     */
    private static boolean unreadResume(SmWireAnalysis.Negotiation n, boolean exact) {
        return n.outcome() == SmWireAnalysis.Outcome.RESUMED && !n.acked() && (!exact || n.resumedInsideAnElement());
    }

    /** @return whether the last connection before {@code n} that got as far as a session was an {@link #unreadResume} */
    private static boolean afterAnUnreadResume(SmWireAnalysis wire, SmWireAnalysis.Negotiation n, boolean exact) {
        for (int k = n.connection() - 1; k >= 1; k--) {
            SmWireAnalysis.Negotiation before = wire.negotiation(k);
            if (before != null && before.outcome() != SmWireAnalysis.Outcome.NONE) {
                return unreadResume(before, exact);
            }
        }
        return false;
    }

    /**
     * The resumed streams a server ended, as Prosody 0.12 ends them (see {@link TcpResumeAfterUnfinishedElementIT}):
     * only a stream resumed while the session's parser was inside an element a cut left unfinished, with
     * {@code not-well-formed} (or {@code policy-violation} once the unfinished element grew past the stanza size
     * limit), before acknowledging anything on it; and the client's next session is a new one, not lost, nothing sent
     * twice. ejabberd parses each connection on its own and ends none.
     */
    private void assertStreamErrorsOnlyAfterUnfinishedElements(SmWireAnalysis wire, StreamManagementCuts.Result r,
                                                               boolean exact) {
        assertThat(wire.resumesInsideOwnElement()).as("resumed connections where our bytes up to <resume/> were not"
            + " whole elements").isEmpty();
        List<SmWireAnalysis.Negotiation> errors = wire.streamErrors();
        System.out.printf("%s: %d resumes while the session's parser was inside an element, %d streams ended by the"
                + " server: %s%n", server.name(), wire.resumedInsideAnElement().size(), errors.size(), errors);
        if (!isProsody()) {
            assertThat(errors).as("streams ejabberd ended").isEmpty();
            return;
        }
        String copy = System.getProperty("reactorxmpp.serverLogCopy");
        if (copy != null) { // for a look at the whole of Prosody's side of the run
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(copy + "-" + System.nanoTime() + ".log"),
                    server.logText());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // Prosody's side, when it logs at debug (-Dreactorxmpp.prosodyLogLevel=debug): the bytes it could not parse
        server.logText().lines().filter(l -> l.contains("Received invalid XML") || l.contains("Tried to resume")
                || l.contains("says it handled") || l.contains("<stream:error>"))
            .limit(20).forEach(l -> System.out.println("Prosody log: " + l));
        assertThat(errors).as("streams Prosody ended; wire: %s", wire).allSatisfy(n -> {
            assertThat(unreadResume(n, exact)).as("%s: a resume Prosody could not read", n).isTrue();
            assertThat(n.streamError()).isIn("not-well-formed", "policy-violation");
        });
        if (exact) {
            assertThat(wire.resumedInsideAnElement()).as("resumes inside an element that Prosody acknowledged")
                .noneMatch(SmWireAnalysis.Negotiation::acked);
        }
        assertThat(r.resumed()).as("resumed, by the client and on the wire")
            .isEqualTo(wire.outcomes().getOrDefault(SmWireAnalysis.Outcome.RESUMED, 0));
        assertThat(r.newSessions()).as("new sessions, by the client and on the wire").isEqualTo(notResumed(wire).size());
    }

    @Test
    void aHundredCutsOfTheClientSideDuringAFloodDeliverExactlyOnceAndResume() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
            StreamManagementCuts.Result r = run(proxy, p -> p.cutClientSide(Duration.ofSeconds(10)));
            SmWireAnalysis wire = SmWireAnalysis.of(proxy.wire(), r.arrivals());
            System.out.printf("%s, TCP, %d client-side cuts: %s; wire: %s%n", server.name(), CUTS, r, wire);
            assertThat(r.lost()).as("lost").isZero();
            assertThat(r.duplicated()).as("duplicated; wire: %s", wire).isZero();
            assertThat(r.reordered()).as("reordered").isZero();
            assertStreamErrorsOnlyAfterUnfinishedElements(wire, r, true);
            List<SmWireAnalysis.Negotiation> notResumed = notResumed(wire);
            if (isProsody()) {
                // every reconnect resumes, except the one after a resume Prosody could not read (it ended that session)
                assertThat(notResumed).as("reconnects that did not resume; wire: %s", wire)
                    .allMatch(n -> afterAnUnreadResume(wire, n, true));
                assertThat(r.resumed()).as("cuts whose reconnect resumed").isGreaterThanOrEqualTo(CUTS - notResumed.size());
            } else {
                assertThat(r.resumed()).as("reconnects that resumed; wire: %s; not resumed: %s", wire, notResumed)
                    .isEqualTo(CUTS);
                assertThat(r.newSessions()).as("reconnects that bound a new session").isZero();
                assertThat(wire.outcomes()).as("negotiations seen on the wire")
                    .containsExactly(java.util.Map.entry(SmWireAnalysis.Outcome.RESUMED, CUTS));
            }
            assertThat(proxy.drainTimeouts()).as("reconnects that waited the whole bound for the server").isZero();
        }
    }

    @Test
    void aHundredResetsOfBothSidesDuringAFloodDuplicateOnlyWhereTheServerMiscounted() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
            StreamManagementCuts.Result r = run(proxy, FaultProxy::cut);
            SmWireAnalysis wire = SmWireAnalysis.of(proxy.wire(), r.arrivals());
            System.out.printf("%s, TCP, %d resets: %s; wire: %s%n", server.name(), CUTS, r, wire);
            assertThat(r.lost()).as("lost").isZero();
            assertThat(r.reordered()).as("reordered").isZero();
            assertStreamErrorsOnlyAfterUnfinishedElements(wire, r, false);
            // A reconnect that does not resume on Prosody follows a resume it could not read: either the client saw
            // the stream error and binds a new session at once, or the reset came first and the resume is refused
            // with item-not-found (Prosody had closed that session and revoked its resumption). Any other refusal
            // fails, and most cuts must resume.
            List<SmWireAnalysis.Negotiation> refused = notResumed(wire);
            assertThat(refused).as("reconnects that did not resume; wire: %s", wire)
                .allMatch(n -> afterAnUnreadResume(wire, n, false) && (n.outcome() == SmWireAnalysis.Outcome.NEW
                    || "item-not-found".equals(n.condition())));
            if (!isProsody()) {
                assertThat(refused).as("ejabberd resumes after every reset").isEmpty();
                assertThat(r.resumed()).as("reconnects that resumed; wire: %s", wire).isEqualTo(CUTS);
            }
            assertThat(r.resumed()).as("reconnects that resumed; wire: %s; not resumed: %s", wire, refused)
                .isGreaterThanOrEqualTo(CUTS / 2);
            assertThat(r.newSessions()).as("reconnects that bound a new session").isEqualTo(refused.size());
            assertThat(wire.duplicates()).as("duplicates the client caused or the wire cannot explain")
                .noneMatch(d -> d.cause() == SmWireAnalysis.Cause.CLIENT_RESENT_ACKNOWLEDGED
                    || d.cause() == SmWireAnalysis.Cause.UNEXPLAINED);
            if (isProsody()) {
                assertThat(r.duplicated()).as("duplicated; wire: %s", wire).isZero();
            }
        }
    }

    /**
     * A receiver with stream management under a 10,000-message flood stays up: ejabberd asks with one {@code <r/>}
     * at a time and ends the stream with {@code policy-violation} ("Too many unacked stanzas") once 5,000 are
     * unacknowledged, so the receiver acknowledges unasked every 100 stanzas, ahead of its own queue
     * ({@code SmAnswerTest} shows the cadence and the order with a scripted transport).
     *
     * <p>ejabberd 23.01 does not get there yet (asserted as it is, issue 16): with an unpaced 10,000 flood from a session on the same
     * machine it still ends the receiver's stream with "Too many unacked stanzas" after a few thousand messages,
     * with the unasked acknowledgements on and our answers written ahead of our queue. Its c2s process reads our
     * {@code <a/>} from the same mailbox, in order, behind the routed stanzas it still has to send (and counts a
     * stanza as unacknowledged once handed to the socket), so more than 5,000 routed stanzas queued for the
     * receiver end the stream whatever the client answers (our reading of its code: a client cannot overtake the
     * server's own mailbox).
     */
    @Test
    void aReceiverWithStreamManagementStaysUpUnderATenThousandMessageFlood() throws Exception {
        Duration timeout = Duration.ofMinutes(2);
        List<TestAccount> accounts = server.newAccounts("smflood", 2);
        {
            XmppSession receiver = XmppClient.builder().jid(accounts.get(1).jid()).password(accounts.get(1).password())
                .transport(TcpTransport.builder().host(server.address()).port(server.c2sPort())
                    .security(TcpTransport.Security.NONE).build())
                .streamManagement(StreamManagement.enabled()).inboundBufferSize(MESSAGES)
                .build().connect().block(timeout);
            XmppSession sender = XmppClient.builder().jid(accounts.get(0).jid()).password(accounts.get(0).password())
                .transport(TcpTransport.builder().host(server.address()).port(server.c2sPort())
                    .security(TcpTransport.Security.NONE).build())
                .build().connect().block(timeout);
            try {
                for (XmppSession s : List.of(sender, receiver)) {
                    s.request(Iq.set(null, XmlElement.builder("urn:xmpp:mam:2", "prefs").attribute("default", "never")
                        .build())).block(timeout);
                }
                List<ConnectionState> changes = new CopyOnWriteArrayList<>();
                receiver.stateChanges().subscribe(changes::add);
                AtomicInteger inOrder = new AtomicInteger();
                var all = receiver.messages().map(Message::body).filter(b -> b != null && b.startsWith("f"))
                    .doOnNext(b -> inOrder.compareAndSet(Integer.parseInt(b.substring(1)), inOrder.get() + 1))
                    .take(MESSAGES).then().cache();
                all.subscribe(null, e -> { });
                Flux.range(0, MESSAGES)
                    .flatMapSequential(i -> sender.send(Message.builder().to(receiver.jid().asBare())
                        .type(Message.Type.CHAT).body("f" + i).build()), 1_000)
                    .then().block(timeout);
                Throwable ended = all.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(timeout);
                System.out.printf("%s, TCP, receiver under a %d flood with stream management: %s, %d in order, ended: %s%n",
                    server.name(), MESSAGES, receiver.streamManagement(), inOrder.get(), ended);
                if (ended != null && server.name().equals("ejabberd")) {
                    // the server's limit, not a loss of ours: what arrived until then arrived in order, and the
                    // stream ended with ejabberd's own condition
                    assertThat(String.valueOf(ended) + " " + String.valueOf(ended.getCause()))
                        .as("how ejabberd ended the receiver's stream").contains("policy-violation");
                    assertThat(inOrder.get()).as("in order until ejabberd ended the stream").isPositive();
                    return;
                }
                if (ended != null) {
                    // with the cause, so that the report shows where it came from (a BlockHound report names the
                    // blocking call's stack only there)
                    throw new AssertionError("the receiver's stream ended: " + ended, ended);
                }
                assertThat(inOrder).as("received in order").hasValue(MESSAGES);
                assertThat(changes).as("the receiver's connection never changed state").isEmpty();
                assertThat(receiver.streamManagement().enabled()).isTrue();
            } finally {
                sender.close().block(timeout);
                // after ejabberd ended the receiver's stream its close reports that end again: cleanup only
                receiver.close().onErrorResume(e -> Mono.empty()).block(timeout);
            }
        }
    }
}
