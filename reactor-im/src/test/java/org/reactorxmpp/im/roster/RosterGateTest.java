package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The documented CAXL pattern: the session is handed out only once its roster arrived. A real
 * session over a scripted server.
 */
class RosterGateTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final String ME = "juliet@example.com/balcony";

    private static XmppClient client(ScriptedTransport transport) {
        // SASL steps on the calling thread: the scripted login completes within the subscription
        return XmppClient.builder().jid(ME).password("any").transport(transport)
            .saslScheduler(Schedulers.immediate()).build();
    }

    @Test
    void theSessionIsEmittedOnlyAfterTheRosterWasApplied() {
        List<XmlElement> rosterGets = new CopyOnWriteArrayList<>();
        // the server holds the roster back until the test answers
        ScriptedTransport transport = ScriptedTransport.builder(ME)
            .expectIq(NS).thenRespond(get -> {
                rosterGets.add(get);
                return List.of();
            })
            .build();
        Roster[] roster = new Roster[1];
        AtomicBoolean emitted = new AtomicBoolean();
        Mono<XmppSession> ready = client(transport).connect().flatMap(s -> {
            roster[0] = Roster.of(s);
            return roster[0].load().thenReturn(s);
        }).doOnNext(s -> emitted.set(true));

        StepVerifier.create(ready)
            .expectSubscription()
            .then(() -> {
                assertThat(rosterGets).as("the roster was asked for").hasSize(1);
                assertThat(emitted).as("not handed out before the roster arrived").isFalse();
                assertThat(roster[0].snapshot().size()).as("nothing applied yet").isZero();
                transport.last().push(Iq.of(rosterGets.get(0)).resultWith(XmlElement.builder(NS, "query")
                    .child(XmlElement.builder(NS, "item").attribute("jid", "nurse@example.com").build()).build())
                    .element());
            })
            .assertNext(s -> {
                assertThat(s.jid().toString()).isEqualTo(ME);
                assertThat(roster[0].snapshot().item(BareJid.parse("nurse@example.com"))).isPresent();
            })
            .verifyComplete();
        transport.verify();
    }

    @Test
    void aFailedRosterFetchFailsTheGate() {
        ScriptedTransport transport = ScriptedTransport.builder(ME)
            .expectIq(NS).thenRespond(get -> List.of(Iq.of(get)
                .errorWith(StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR)).element()))
            .build();
        StepVerifier.create(client(transport).connect().flatMap(s -> Roster.of(s).load().thenReturn(s)))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RosterException.class).hasMessageContaining("load"))
            .verify(Duration.ofSeconds(5));
        transport.verify();
    }
}
