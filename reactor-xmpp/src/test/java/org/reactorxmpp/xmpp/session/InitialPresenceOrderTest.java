package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The order of own presence on the wire: the automatic initial presence, a presence the subscriber of
 * {@code connect()} sends at once, the caps re-send when features change, the presence a reconnect announces.
 * Whatever the user sent last is what the server keeps.
 */
class InitialPresenceOrderTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final Presence DND = Presence.builder().show(Presence.Show.DND).status("in a meeting").priority(3).build();

    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final FakeTransport transport = new FakeTransport(false, c -> {
        ScriptedServer s = new ScriptedServer(c);
        servers.add(s);
        return s;
    });

    private XmppClient.Builder client() {
        return XmppClient.builder().jid(ScriptedServer.USER + "@" + ScriptedServer.DOMAIN).password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate());
    }

    /** @return a client whose server answers its presence with {@code answer}, at once, before connect() emits */
    private static XmppClient answeringPresence(Consumer<ScriptedServer> answer) {
        FakeTransport answering = new FakeTransport(false, c -> {
            ScriptedServer s = new ScriptedServer(c);
            s.onStanza = e -> {
                if (e.localName().equals("presence")) {
                    answer.accept(s);
                }
            };
            return s;
        });
        return XmppClient.builder().jid(ScriptedServer.USER + "@" + ScriptedServer.DOMAIN).password(ScriptedServer.PASSWORD)
            .transport(answering).saslScheduler(Schedulers.immediate()).build();
    }

    private static List<Presence> presences(ScriptedServer server) {
        return server.stanzas.stream().filter(e -> e.localName().equals("presence")).map(e -> (Presence) Stanza.of(e)).toList();
    }

    private static String ver(Presence p) {
        XmlElement c = p.element().element(EntityCaps.NAMESPACE, "c");
        assertThat(c).as("caps on %s", p).isNotNull();
        return c.attribute("ver");
    }

    @Test
    void aPresenceSentAtOnceByTheSubscriberComesAfterTheAutomaticOneAndStays() {
        XmppSession session = client().build().connect()
            .flatMap(s -> s.send(DND).thenReturn(s))
            .block(T);

        List<Presence> sent = presences(servers.get(0));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).show()).as("the automatic initial presence goes first").isEmpty();
        assertThat(sent.get(1).show()).contains(Presence.Show.DND);
        assertThat(ver(sent.get(1))).isEqualTo(session.capabilities().ver());
        session.close().block(T);
    }

    @Test
    void theCapsResendAfterAnImmediatePresenceCarriesItNotThePlainInitialOne() {
        XmppSession session = client().build().connect()
            .flatMap(s -> s.send(DND).thenReturn(s))
            .block(T);
        String before = session.capabilities().ver();

        session.capabilities().addFeature("urn:example:later+notify");

        List<Presence> sent = presences(servers.get(0));
        Presence last = sent.get(sent.size() - 1);
        assertThat(sent).hasSize(3);
        assertThat(last.show()).contains(Presence.Show.DND);
        assertThat(last.status()).isEqualTo("in a meeting");
        assertThat(last.priority()).isEqualTo(3);
        assertThat(ver(last)).isEqualTo(session.capabilities().ver()).isNotEqualTo(before);
        session.close().block(T);
    }

    @Test
    void aReconnectAnnouncesTheLatestPresenceAndTheCapsResendKeepsIt() {
        XmppSession session = client().reconnect(Reconnect.countdown(Duration.ofSeconds(1))).reconnectScheduler(time)
            .build().connect().block(T);
        session.send(DND).block(T);

        transport.last().fail(new TransportException("connection reset", true));
        time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(servers).hasSize(2);
        List<Presence> announced = presences(servers.get(1));
        assertThat(announced).singleElement().satisfies(p -> {
            assertThat(p.show()).contains(Presence.Show.DND);
            assertThat(p.status()).isEqualTo("in a meeting");
        });

        session.capabilities().addFeature("urn:example:later+notify");
        List<Presence> after = presences(servers.get(1));
        assertThat(after).hasSize(2);
        assertThat(after.get(1).show()).contains(Presence.Show.DND);
        assertThat(ver(after.get(1))).isEqualTo(session.capabilities().ver());
        session.close().block(T);
    }

    @Test
    void whatTheServerSendsRightAfterTheInitialPresenceReachesASubscriberOfTheEmission() {
        // the server answers the initial presence at once (as it does with the contacts' presence)
        Presence seen = answeringPresence(s -> s.deliver(Presence.builder().from(ROMEO).status("here").build()))
            .connect()
            .flatMap(s -> s.inbound().ofType(Presence.class).next())
            .block(T);
        assertThat(seen.status()).isEqualTo("here");
    }

    @Test
    void aBurstAnsweringTheInitialPresenceBeforeTheHandoffIsKeptWhole() {
        // say 300 offline messages, pushed while the session is being handed out (more than negotiation buffers)
        List<String> bodies = answeringPresence(s -> {
                for (int i = 0; i < 300; i++) {
                    s.deliver(Message.builder().from(ROMEO).body("offline " + i).build());
                }
            })
            .connect()
            .flatMapMany(s -> s.inbound().ofType(Message.class).take(300))
            .map(Message::body)
            .collectList()
            .block(T);
        assertThat(bodies).hasSize(300).startsWith("offline 0").endsWith("offline 299");
    }
}
