package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The documented CAXL pattern: the session is handed out only once its roster arrived. */
class RosterGateTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");

    @Test
    void theSessionIsEmittedOnlyAfterTheRosterWasApplied() {
        FakeSession session = new FakeSession(ME);
        Sinks.One<Iq> answer = Sinks.one();
        session.server(iq -> answer.asMono());
        Mono<XmppSession> connect = Mono.just(session); // stands for client.connect()
        Roster[] roster = new Roster[1];

        Mono<XmppSession> ready = connect.flatMap(s -> {
            roster[0] = Roster.of(s);
            return roster[0].load().thenReturn(s);
        });

        StepVerifier.create(ready)
            .expectSubscription()
            .expectNoEvent(Duration.ZERO)
            .then(() -> {
                assertThat(roster[0].snapshot().size()).as("nothing applied yet").isZero();
                Iq get = (Iq) session.sent.get(0);
                answer.tryEmitValue(get.resultWith(XmlElement.builder(NS, "query")
                    .child(XmlElement.builder(NS, "item").attribute("jid", "nurse@example.com").build()).build()));
            })
            .assertNext(s -> {
                assertThat(s).isSameAs(session);
                assertThat(roster[0].snapshot().item(BareJid.parse("nurse@example.com"))).isPresent();
            })
            .verifyComplete();
    }

    @Test
    void aFailedRosterFetchFailsTheGate() {
        FakeSession session = new FakeSession(ME);
        session.server(iq -> Mono.just(iq.errorWith(StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR))));
        StepVerifier.create(Mono.just(session).flatMap(s -> Roster.of(s).load().thenReturn(s)))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RosterException.class).hasMessageContaining("load"))
            .verify(Duration.ofSeconds(5));
    }
}
