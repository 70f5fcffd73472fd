package org.reactorxmpp.xmpp.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.ScriptedConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.scheduler.VirtualTimeScheduler;

/** What a stream-managed connection counts is what the server counts: every stanza it writes, in order. */
class SmLinkTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final ScriptedConnection transport = new ScriptedConnection((c, e) -> { }, c -> { });
    private final SmSession sm = new SmSession(StreamManagement.enabled().withAckEvery(100), () -> time);
    private final SmLink link = sm.wrap(transport);

    @Test
    void theUnavailablePresenceAClosingStreamWritesLastIsCountedSoTheServersLastAckMatches() {
        sm.attachNew(link, FullJid.parse("juliet@example.com/balcony"), true, null);
        sm.inbound(link, XmlElement.builder(SmElements.NS, "enabled").attribute("id", "s1").attribute("resume", "true")
            .build());
        link.send(Message.builder().body("m1").build().element()).block(Duration.ofSeconds(5));
        XmlElement unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).build().element();

        link.close(unavailable).block(Duration.ofSeconds(5));

        assertThat(transport.finalPayload()).isEqualTo(unavailable);
        assertThat(sm.status().unacked()).as("the message and the final presence the server will count").isEqualTo(2);
        // the server's last <a/> on close counts both: nothing is left, nothing over-acknowledged
        sm.inbound(link, XmlElement.builder(SmElements.NS, "a").attribute("h", "1").build());
        assertThat(sm.status().unacked()).isEqualTo(1);
        sm.inbound(link, XmlElement.builder(SmElements.NS, "a").attribute("h", "2").build());
        assertThat(sm.status().unacked()).isZero();
        assertThat(sm.status().acknowledged()).isEqualTo(2);
        assertThat(transport.sent()).extracting(XmlElement::localName).containsSubsequence(List.of("enable", "message"));
    }
}
