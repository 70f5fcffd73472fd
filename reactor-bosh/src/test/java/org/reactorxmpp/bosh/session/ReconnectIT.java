package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * The server goes away under a live session (the server process is stopped and started again on the
 * same ports, so every BOSH session it had is gone): the client comes back online by itself, the
 * same {@link XmppSession} object keeps working, and {@code states()} shows the sequence. The shared
 * server of the run is restarted: test classes run one after the other, and accounts survive a restart.
 */
@OnBothServers
class ReconnectIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Parameter
    XmppTestServer server;

    private TestAccount user1;
    private TestAccount user2;

    @BeforeEach
    void accounts() {
        List<TestAccount> accounts = server.newAccounts("reconnect", 2);
        user1 = accounts.get(0);
        user2 = accounts.get(1);
    }

    private XmppClient.Builder client(TestAccount account) {
        return XmppClient.builder()
            .jid(account.jid())
            .password(account.password())
            .transport(BoshTransport.builder().url(server.boshUrl()).maxRetries(2)
                .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)).build());
    }

    @Test
    void sessionComesBackAfterTheServerRestarts() {
        XmppSession alice = client(user1)
            .reconnect(Reconnect.backoff(Duration.ofMillis(250), Duration.ofSeconds(2)))
            .build().connect().block(TIMEOUT);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        alice.states().subscribe(states::add);
        List<Message> received = new CopyOnWriteArrayList<>();
        alice.messages().subscribe(received::add);

        server.restart();

        alice.states().filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING).blockFirst(TIMEOUT);
        // states() replays the history: the CONNECTED we wait for is the one after RECONNECTING
        alice.states().skipUntil(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .filter(s -> s.kind() == ConnectionState.Kind.CONNECTED).blockFirst(TIMEOUT);
        List<ConnectionState.Kind> kinds = states.stream().map(ConnectionState::kind).distinct().toList();
        System.out.println("states seen across the restart: " + states);
        assertThat(kinds).containsSubsequence(ConnectionState.Kind.CONNECTED, ConnectionState.Kind.RECONNECTING);
        assertThat(states.get(states.size() - 1).kind()).isEqualTo(ConnectionState.Kind.CONNECTED);
        assertThat(states.stream().filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING))
            .allSatisfy(s -> assertThat(s.attempt()).isPositive());

        // the same session object works again: requests to the new server, and inbound stanzas
        Iq pong = alice.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
            .block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);

        XmppSession bob = client(user2).build().connect().block(TIMEOUT);
        bob.send(Message.builder().to(alice.jid().asBare()).type(Message.Type.CHAT).body("after the restart").build())
            .block(TIMEOUT);
        alice.messages().filter(m -> "after the restart".equals(m.body())).blockFirst(TIMEOUT);
        assertThat(received).extracting(Message::body).contains("after the restart");

        bob.close().block(TIMEOUT);
        alice.close().block(TIMEOUT);
        assertThat(alice.states().blockLast(TIMEOUT).kind()).isEqualTo(ConnectionState.Kind.DISCONNECTED);
    }

    @Test
    void messagesSentDuringTheOutageAreDeliveredAfterRecoveryNoneLost() {
        // bob comes back quickly; alice waits longer, so her queued messages go out once both are online
        // (and the server's offline storage would keep them for bob otherwise)
        XmppSession bob = client(user2)
            .reconnect(Reconnect.backoff(Duration.ofMillis(250), Duration.ofSeconds(1)))
            .build().connect().block(TIMEOUT);
        XmppSession alice = client(user1)
            .reconnect(Reconnect.backoff(Duration.ofSeconds(2), Duration.ofSeconds(4)))
            .build().connect().block(TIMEOUT);
        int count = 5;
        Mono<List<String>> outage = bob.messages().map(Message::body)
            .filter(body -> body != null && body.startsWith("outage "))
            .take(count).collectList().cache();
        outage.subscribe();

        server.restart();
        alice.states().filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING).blockFirst(TIMEOUT);

        // alice is between connections: these wait in her queue, none goes to the dead BOSH session
        List<String> sent = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= count; i++) {
            String body = "outage " + i;
            alice.send(Message.builder().to(bob.jid().asBare()).type(Message.Type.CHAT).body(body).build())
                .subscribe(null, errors::add, () -> sent.add(body));
        }
        assertThat(sent).isEmpty();

        List<String> received = outage.block(TIMEOUT);
        assertThat(received).containsExactly("outage 1", "outage 2", "outage 3", "outage 4", "outage 5");
        assertThat(sent).containsExactly("outage 1", "outage 2", "outage 3", "outage 4", "outage 5");
        assertThat(errors).isEmpty();

        bob.close().block(TIMEOUT);
        alice.close().block(TIMEOUT);
    }
}
