package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.sm.StreamManagementException;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.FaultProxy;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.SmWireAnalysis;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * What a server does with a resumed connection when the connection before it ended inside an element (a cut in the
 * middle of a write), made deterministic: the {@link FaultProxy} ends the sender's connection with the beginning of
 * an element ({@link FaultProxy#cutClientSide(Duration, byte[])}), the client reconnects and resumes.
 *
 * <p>Prosody 0.12 parses the resumed connection's bytes with the XML parser of the session's first connection:
 * mod_c2s' {@code session.data} feeds the {@code stream} of the connection it was made for, and mod_smacks'
 * {@code handle_resume} moves the new connection to the old session ({@code c2s_sessions[session.conn] =
 * original_session}) without moving the parser ({@code original_session.stream = session.stream} changes a field the
 * closure does not read). So the bytes of the second connection continue the element begun on the first: the rest
 * of it completes it (a message half written on each connection is delivered), anything else ends the stream
 * {@code not-well-formed} and Prosody closes the session. ejabberd parses each connection on its own. This is the
 * defect {@code TcpStreamManagementIT} met in about one run of three (issue 16); the client answers it by binding a
 * new session ({@link StreamManagementException.Reason#RESUMED_STREAM_FAILED}).
 */
@OnBothServers
class TcpResumeAfterUnfinishedElementIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Parameter
    XmppTestServer server;

    private XmppSession receiver;
    private XmppSession sender;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    private void connect(FaultProxy proxy) {
        List<TestAccount> accounts = server.newAccounts("unfinished", 2);
        receiver = XmppClient.builder().jid(accounts.get(1).jid()).password(accounts.get(1).password())
            .transport(TcpTransport.builder().host(server.address()).port(server.c2sPort())
                .security(TcpTransport.Security.NONE).build())
            .build().connect().block(TIMEOUT);
        receiver.messages().map(m -> String.valueOf(m.body())).subscribe(bodies::add);
        sender = XmppClient.builder().jid(accounts.get(0).jid()).password(accounts.get(0).password())
            .transport(TcpTransport.builder().host("127.0.0.1").port(proxy.port()).security(TcpTransport.Security.NONE)
                .build())
            .reconnect(Reconnect.backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .streamManagement(StreamManagement.enabled())
            .build().connect().block(TIMEOUT);
        sender.stateChanges().subscribe(states::add);
        sender.sendAcked(message("before")).block(TIMEOUT);
    }

    private void close() {
        if (sender != null) {
            sender.close().onErrorResume(e -> sender.onClose()).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .block(TIMEOUT);
        }
        if (receiver != null) {
            receiver.close().block(TIMEOUT);
        }
    }

    private Message message(String body) {
        return Message.builder().to(receiver.jid().asBare()).type(Message.Type.CHAT).body(body).build();
    }

    private String unfinished(String rest) {
        return "<message xmlns='jabber:client' to='" + receiver.jid().asBare() + "' type='chat' id='unfinished'>" + rest;
    }

    private CompletableFuture<ConnectionState> nextResume() {
        return sender.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.CONNECTED && s.isResumed()).next()
            .toFuture();
    }

    private void awaitBody(String body) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!bodies.contains(body)) {
            assertThat(System.nanoTime()).as("waiting for %s; received %s", body, bodies).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private boolean isProsody() {
        return server.name().equals("Prosody");
    }

    /**
     * The smoking gun: a message whose first half went out on the connection before the cut and whose second half is
     * written on the resumed connection. Prosody delivers it whole (one parser for both connections) and the resumed
     * stream goes on; ejabberd's parser of the new connection sees a stray end tag and ends that stream, after which
     * the client binds a new session.
     */
    @Test
    void theResumedConnectionsBytesContinueTheElementTheCutLeftUnfinishedOnProsodyOnly() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
            try {
                connect(proxy);
                CompletableFuture<ConnectionState> resumed = nextResume();
                proxy.cutClientSide(Duration.ofSeconds(10),
                    unfinished("<body>begun on the first connection, ").getBytes(StandardCharsets.UTF_8));
                resumed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                proxy.injectToServer("finished on the second</body></message>".getBytes(StandardCharsets.UTF_8));
                sender.sendAcked(message("after")).block(TIMEOUT);
                awaitBody("after");
                SmWireAnalysis wire = SmWireAnalysis.of(proxy.wire(), List.of());
                System.out.printf("%s, unfinished element completed on the resumed connection: received %s; wire %s,"
                    + " reconnects %s%n", server.name(), bodies, wire, wire.reconnects());

                assertThat(wire.negotiation(2)).isNotNull();
                assertThat(wire.negotiation(2).outcome()).isEqualTo(SmWireAnalysis.Outcome.RESUMED);
                assertThat(wire.negotiation(2).resumedInsideAnElement()).isTrue();
                if (isProsody()) {
                    assertThat(bodies).as("one message from the bytes of two connections")
                        .containsExactly("before", "begun on the first connection, finished on the second", "after");
                    assertThat(wire.streamErrors()).isEmpty();
                    assertThat(wire.reconnects()).as("the resumed stream went on").hasSize(1);
                } else {
                    assertThat(bodies).containsExactly("before", "after");
                    assertThat(wire.negotiation(2).streamError()).as("ejabberd's own parser of the new connection")
                        .isNotNull();
                    assertThat(wire.negotiation(3).outcome()).as("then a new session")
                        .isEqualTo(SmWireAnalysis.Outcome.NEW);
                }
            } finally {
                close();
            }
        }
    }

    /**
     * The cut leaves Prosody's parser inside a tag: the first stanzas written on the resumed stream end it with
     * {@code not-well-formed} before anything is acknowledged (the error itself can be lost to the reset that follows
     * it), Prosody closes the session, and the client binds a new one and sends those stanzas again: each arrives
     * once. ejabberd resumes and goes on.
     */
    @Test
    void aCutInsideATagEndsTheResumedStreamOnProsodyAndTheClientSendsAgainOnANewSession() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
            try {
                connect(proxy);
                CompletableFuture<ConnectionState> resumed = nextResume();
                proxy.cutClientSide(Duration.ofSeconds(10), unfinished("<bo").getBytes(StandardCharsets.UTF_8));
                resumed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                for (int i = 1; i < 5; i++) {
                    sender.send(message("m" + i)).block(TIMEOUT);
                }
                sender.sendAcked(message("m5")).block(TIMEOUT);
                awaitBody("m5");
                SmWireAnalysis wire = SmWireAnalysis.of(proxy.wire(), List.of());
                System.out.printf("%s, cut inside a tag: received %s; wire %s, reconnects %s%n", server.name(), bodies,
                    wire, wire.reconnects());

                assertThat(bodies).as("each once, in order").containsExactly("before", "m1", "m2", "m3", "m4", "m5");
                assertThat(wire.negotiation(2).resumedInsideAnElement()).isTrue();
                if (isProsody()) {
                    String streamError = wire.negotiation(2).streamError();
                    assertThat(wire.negotiation(2).acked()).as("nothing read after <resume/>").isFalse();
                    SmWireAnalysis.Negotiation third = wire.negotiation(3);
                    assertThat(third).as("Prosody ended the resumed stream: a third negotiation").isNotNull();
                    if (third.outcome() == SmWireAnalysis.Outcome.FAILED_THEN_NEW) {
                        // Prosody closes the connection with our stanzas still unread, so its kernel resets it, and
                        // a reset discards what the receiver has not read yet: the stream error can be lost to the
                        // client (seen in a CI run here: none logged by the client) and even to this proxy (seen
                        // under CPU load: none on the wire). The client then tries to resume, and Prosody, which
                        // revoked the resumption when it closed the session, refuses (see TcpStreamManagementIT)
                        assertThat(streamError).as("the stream error, when it was read before the reset")
                            .isIn(null, "not-well-formed");
                        assertThat(third.condition()).as("a second resume is refused only as revoked")
                            .contains("item-not-found");
                    } else {
                        assertThat(streamError).isEqualTo("not-well-formed");
                        assertThat(third.outcome()).as("a new session, not a second resume")
                            .isEqualTo(SmWireAnalysis.Outcome.NEW);
                        assertThat(states).filteredOn(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
                            .anySatisfy(s -> assertThat(s.cause().orElseThrow())
                                .isInstanceOfSatisfying(StreamManagementException.class, e -> assertThat(e.reason())
                                    .isEqualTo(StreamManagementException.Reason.RESUMED_STREAM_FAILED)));
                    }
                } else {
                    assertThat(wire.streamErrors()).isEmpty();
                    assertThat(wire.reconnects()).as("the resumed stream went on").hasSize(1);
                }
            } finally {
                close();
            }
        }
    }
}
