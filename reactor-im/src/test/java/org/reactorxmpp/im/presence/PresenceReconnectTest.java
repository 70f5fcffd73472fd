package org.reactorxmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A reconnect that starts a new XMPP session forgets the contacts' presence: the server sends it again. */
class PresenceReconnectTest {

    private static final BareJid NURSE = BareJid.parse("nurse@example.com");

    @Test
    void aNewSessionForgetsWhoWasAvailable() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        ScriptedTransport transport = ScriptedTransport.builder("juliet@example.com/balcony").ignoring(e -> true).build();
        XmppSession session = XmppClient.builder().jid("juliet@example.com").password("any").transport(transport)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(1))).timerScheduler(time)
            .feature(PresenceService.KEY).build().connect().block(Duration.ofSeconds(5));
        PresenceService presence = PresenceService.of(session);
        List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        presence.changes().subscribe(changes::add);
        transport.push(Presence.builder().from(Jid.parse("nurse@example.com/kitchen")).build());
        assertThat(presence.contact(NURSE).isAvailable()).isTrue();

        transport.last().drop(new TransportException("connection reset", true));
        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(transport.connections()).hasSize(2);
        assertThat(presence.contact(NURSE).isAvailable()).as("went offline meanwhile, for all we know").isFalse();
        assertThat(changes).last().satisfies(c -> assertThat(c.isUnavailable()).isTrue());
        session.close().block(Duration.ofSeconds(5));
    }
}
