package org.reactorxmpp.im.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;

/** Carbons: accepted only from the own bare JID; enable and re-enable. */
class CarbonsTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final FullJid MY_PHONE = FullJid.parse("alice@example.com/phone");
    private static final FullJid BOB = FullJid.parse("bob@example.com/desk");

    /** A scripted server that answers nothing and records what the real session sends. */
    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    static Message carbon(Jid from, String direction, Message copied) {
        XmlElement forwarded = Forwarded.CODEC.encode(new Forwarded(copied, java.util.Optional.of(Delay.of(Instant.parse("2026-01-01T00:00:00Z")))));
        return Message.builder().from(from).to(ME)
            .child(XmlElement.builder(Carbons.NAMESPACE, direction).child(forwarded).build()).build();
    }

    @Test
    void carbonsFromTheOwnBareJidAreSurfacedForgedOnesDropped() {
        XmppSession session = ScriptedSessions.connect(server, ME);
        List<Carbon> seen = new CopyOnWriteArrayList<>();
        Carbons.of(session).carbons().subscribe(seen::add);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
            org.reactorxmpp.im.carbons.internal.DefaultCarbons.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Message toPhone = Message.builder().from(BOB).to(MY_PHONE).type(Message.Type.CHAT).body("to the phone").build();
        Message fromPhone = Message.builder().from(MY_PHONE).to(BOB).type(Message.Type.CHAT).body("from the phone").build();

        server.push(carbon(BOB.asBare(), "received", toPhone));                     // forged by bob
        server.push(carbon(MY_PHONE, "received", toPhone));                         // own full JID: not the server
        server.push(carbon(BareJid.parse("alice@evil.example"), "received", toPhone));
        server.push(Message.builder().to(ME).child(XmlElement.builder(Carbons.NAMESPACE, "sent")
            .child(Forwarded.CODEC.encode(new Forwarded(fromPhone, java.util.Optional.empty()))).build()).build()); // no from
        assertThat(seen).isEmpty();
        logger.detachAppender(logged);
        assertThat(logged.list).as("each forged carbon logged with its sender").hasSize(4)
            .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN))
            .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .allMatch(m -> m.contains("forged carbon"))
            .anyMatch(m -> m.contains("from bob@example.com"))
            .anyMatch(m -> m.contains("from alice@evil.example"));

        server.push(carbon(ME.asBare(), "received", toPhone));
        server.push(carbon(ME.asBare(), "sent", fromPhone));
        assertThat(seen).extracting(Carbon::direction).containsExactly(Carbon.Direction.RECEIVED, Carbon.Direction.SENT);
        assertThat(seen.get(0).forwarded().message().body()).isEqualTo("to the phone");
        assertThat(seen.get(0).forwarded().delay()).map(Delay::stamp).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(seen.get(1).forwarded().message().to()).isEqualTo(BOB);
    }

    @Test
    void enableAndDisableAreIqSetsAndEnabledIsRemembered() {
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expectIq(Carbons.NAMESPACE).thenRespond(ScriptedTransport.result(null))
            .expectIq(Carbons.NAMESPACE).thenRespond(ScriptedTransport.result(null))
            .build();
        XmppSession session = ScriptedSessions.connect(server, ME);
        Carbons carbons = Carbons.of(session);
        carbons.enable().block(java.time.Duration.ofSeconds(5));
        assertThat(carbons.enabled()).isTrue();
        carbons.disable().block(java.time.Duration.ofSeconds(5));
        assertThat(carbons.enabled()).isFalse();
        assertThat(ScriptedSessions.sent(server)).extracting(s -> ((Iq) s).payload().orElseThrow().name().toString())
            .containsExactly("{urn:xmpp:carbons:2}enable", "{urn:xmpp:carbons:2}disable");
        server.verify();
    }
}
