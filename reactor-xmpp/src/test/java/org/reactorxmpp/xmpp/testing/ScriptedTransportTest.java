package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The scripted transport under a real session: login, expect/respond, and what verify() reports. */
class ScriptedTransportTest {

    private static final String ME = "juliet@example.com/balcony";
    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");

    private static XmppSession connect(ScriptedTransport transport) {
        return XmppClient.builder().jid(ME).password("any").transport(transport)
            .saslScheduler(Schedulers.immediate()).build().connect().block(Duration.ofSeconds(5));
    }

    @Test
    void logsInAnswersWhatIsExpectedAndVerifies() {
        ScriptedTransport transport = ScriptedTransport.builder(ME)
            .expectIq("urn:xmpp:ping").thenRespond(ScriptedTransport.result(null))
            .build();
        XmppSession session = connect(transport);
        assertThat(session.jid().toString()).isEqualTo(ME);
        Iq pong = session.request(Iq.get(Jid.domain("example.com"), PING)).block(Duration.ofSeconds(5));
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        // the initial presence was recorded, and ignored by the script
        assertThat(transport.stanzas()).extracting(XmlElement::localName).containsExactly("presence", "iq");
        transport.verify();
    }

    @Test
    void verifyReportsUnmetAndUnexpected() {
        ScriptedTransport transport = ScriptedTransport.builder(ME)
            .expectIq("urn:xmpp:ping").thenNothing()
            .build();
        XmppSession session = connect(transport);
        session.send(Message.builder().to(Jid.parse("romeo@example.net")).body("hi").build()).block(Duration.ofSeconds(5));
        assertThatThrownBy(transport::verify).isInstanceOf(AssertionError.class)
            .hasMessageContaining("not expected (waiting for: an iq with a urn:xmpp:ping payload)")
            .hasMessageContaining("expected but not sent: an iq with a urn:xmpp:ping payload");
    }

    @Test
    void pushedStanzasArriveAndHeldSendsWaitForTheirRelease() {
        ScriptedTransport transport = ScriptedTransport.builder(ME).build();
        XmppSession session = connect(transport);
        Mono<Message> received = session.messages().next().cache();
        received.subscribe();
        transport.push(Message.builder().from(Jid.parse("romeo@example.net/orchard")).body("hello").build());
        assertThat(received.block(Duration.ofSeconds(5)).body()).isEqualTo("hello");

        transport.last().holdSends();
        AtomicBoolean done = new AtomicBoolean();
        session.send(Message.builder().to(Jid.parse("romeo@example.net")).body("held").build())
            .subscribe(null, e -> { }, () -> done.set(true));
        assertThat(transport.last().heldCount()).isEqualTo(1);
        assertThat(done).isFalse();
        transport.last().releaseHeld();
        assertThat(done).isTrue();
        assertThat(transport.stanzas()).last().satisfies(e -> assertThat(Message.of(e).body()).isEqualTo("held"));
    }

    @Test
    void aDropFailsTheHeldSendsAndEndsASessionWithoutReconnect() {
        ScriptedTransport transport = ScriptedTransport.builder(ME).build();
        XmppSession session = connect(transport);
        transport.last().holdSends();
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.send(Message.builder().to(Jid.parse("romeo@example.net")).body("held").build())
            .subscribe(null, error::set);
        TransportException reset = new TransportException("connection reset", true);
        transport.last().drop(reset);
        assertThat(error.get()).isSameAs(reset);
        StepVerifier.create(session.onClose()).expectErrorMatches(e -> e == reset).verify(Duration.ofSeconds(5));
    }
}
