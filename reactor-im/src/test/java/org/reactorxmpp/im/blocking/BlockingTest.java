package org.reactorxmpp.im.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;

/** Block-list pushes: applied from the own account, refused from anyone else. */
class BlockingTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final Jid SPAMMER = Jid.parse("spam@example.org");

    private static Iq push(Jid from, String action, Jid... jids) {
        XmlElement.Builder b = XmlElement.builder(Blocking.NAMESPACE, action);
        for (Jid j : jids) {
            b.child(XmlElement.builder(Blocking.NAMESPACE, "item").attribute("jid", j.toString()).build());
        }
        return Iq.builder(Iq.Type.SET).id("p1").from(from).to(ME).payload(b.build()).build();
    }

    /** A scripted server that answers nothing and records what the real session sends. */
    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    @Test
    void pushesFromTheOwnAccountAreAppliedOthersRefused() {
        XmppSession session = ScriptedSessions.connect(server, ME);
        Blocking blocking = Blocking.of(session);
        var change = blocking.changes().next().toFuture();

        Iq forged = ScriptedSessions.deliver(server, push(BareJid.parse("mallory@example.com"), "block", ME.asBare()));
        assertThat(forged.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(forged.error()).map(StanzaError::condition).contains(StanzaError.Condition.FORBIDDEN);
        assertThat(blocking.blocked()).isEmpty();

        assertThat(ScriptedSessions.deliver(server, push(ME.asBare(), "block", SPAMMER)).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(blocking.blocked()).containsExactly(SPAMMER);
        assertThat(change).succeedsWithin(Duration.ofSeconds(5)).satisfies(c -> {
            assertThat(c.blocked()).isTrue();
            assertThat(c.jids()).containsExactly(SPAMMER);
        });

        ScriptedSessions.deliver(server, push(ME.asBare(), "unblock"));
        assertThat(blocking.blocked()).isEmpty();
    }

    @Test
    void blockAndUnblockNeedJidsAndUpdateTheList() {
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expectIq(Blocking.NAMESPACE).thenRespond(ScriptedTransport.result(null))
            .expectIq(Blocking.NAMESPACE).thenRespond(ScriptedTransport.result(null))
            .build();
        XmppSession session = ScriptedSessions.connect(server, ME);
        Blocking blocking = Blocking.of(session);
        reactor.test.StepVerifier.create(blocking.block(List.of())).expectError(IllegalArgumentException.class).verify(Duration.ofSeconds(5));
        blocking.block(List.of(SPAMMER)).block(Duration.ofSeconds(5));
        assertThat(blocking.blocked()).containsExactly(SPAMMER);
        blocking.unblock(List.of(SPAMMER)).block(Duration.ofSeconds(5));
        assertThat(blocking.blocked()).isEmpty();
        assertThat(ScriptedSessions.sent(server)).hasSize(2);
        server.verify();
    }
}
