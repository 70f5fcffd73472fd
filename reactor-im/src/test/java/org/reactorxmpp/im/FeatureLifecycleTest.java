package org.reactorxmpp.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.quickcontacts.QuickContactsOptions;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.StepVerifier;

/** The IM services as session features: one instance per session, removed with the session. */
class FeatureLifecycleTest {

    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");

    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    private XmppSession connect() {
        return ScriptedSessions.connect(server, ME);
    }

    private static Iq push(String jid) {
        return Iq.builder(Iq.Type.SET).id("push-" + jid).payload(XmlElement.builder(RosterItem.NAMESPACE, "query")
            .child(XmlElement.builder(RosterItem.NAMESPACE, "item").attribute("jid", jid).build()).build()).build();
    }

    @Test
    void theSameServiceForTheSameSession() {
        XmppSession session = connect();
        Roster roster = Roster.of(session);
        assertThat(Roster.of(session)).isSameAs(roster).isSameAs(session.feature(Roster.KEY));
        assertThat(Roster.of(session, RosterOptions.defaults())).isSameAs(roster);
        assertThatIllegalStateException()
            .isThrownBy(() -> Roster.of(session, RosterOptions.builder().defaultGroup("Friends").build()));

        PresenceService presence = PresenceService.of(session);
        assertThat(PresenceService.of(session)).isSameAs(presence).isSameAs(session.feature(PresenceService.KEY));

        QuickContactsOptions options = QuickContactsOptions.builder().rate(5, Duration.ofSeconds(1)).build();
        QuickContacts quick = QuickContacts.of(session, options);
        assertThat(QuickContacts.of(session, options)).isSameAs(quick).isSameAs(QuickContacts.of(session));

        XmppSession other = ScriptedSessions.connect(ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build(), ME);
        assertThat(Roster.of(other)).isNotSameAs(roster);
    }

    @Test
    void aTrackerFollowsPresenceOnceHoweverOftenTheServiceIsObtained() {
        XmppSession session = connect();
        PresenceService.of(session);
        server.push(Presence.builder().from(FullJid.parse("romeo@example.net/orchard")).build());
        assertThat(PresenceService.of(session).available()).hasSize(1);
    }

    @Test
    void theSessionEndRemovesHandlersAndCompletesStreams() {
        XmppSession session = connect();
        Roster roster = Roster.of(session);
        QuickContacts quick = QuickContacts.of(session);
        assertThat(ScriptedSessions.deliver(server, push("nurse@example.com")).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(session.capabilities()).satisfies(caps -> assertThat(caps.features()).isNotEmpty());

        StepVerifier.create(roster.changes())
            .then(() -> session.close().block(Duration.ofSeconds(5)))
            .verifyComplete();
        StepVerifier.create(quick.changes()).verifyComplete();

        // a closed real session receives nothing more (its connection is gone), so the removal of the
        // handler is proven by the namespace being free, below
        assertThatIllegalStateException().isThrownBy(() -> Roster.of(session)).withMessageContaining("ended");
        assertThat(List.of(session.handle(RosterItem.NAMESPACE, iq -> reactor.core.publisher.Mono.empty())))
            .as("the namespace is free again").hasSize(1);
    }
}
