package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** With reconnect, features and capabilities belong to the session the user holds, not to one connection. */
class ReconnectingFeaturesTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final String DISCO = "http://jabber.org/protocol/disco#info";
    private static final XmlName ECHO = XmlName.of("urn:example:echo", "echo");

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger teardowns = new AtomicInteger();
    private FakeTransport transport;

    private final FeatureKey<String> echo = FeatureKey.of("echo", ctx -> {
        ctx.handle(Iq.Type.GET, ECHO, iq -> Mono.just(iq.resultWith(iq.payload().orElseThrow())));
        ctx.capability("urn:example:echo");
        ctx.onReconnect(() -> Mono.fromRunnable(reconnects::incrementAndGet));
        ctx.onDispose(teardowns::incrementAndGet);
        return "echo";
    });

    private XmppSession connect() {
        transport = ScriptedSessions.transport(servers);
        return ScriptedSessions.client(transport).sendInitialPresence(true)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5)).reconnectScheduler(time)
            .feature(echo)
            .build().connect().block(Duration.ofSeconds(10));
    }

    private static Iq ask(ScriptedServer server, Iq request) {
        server.deliver(request.withFrom(ROMEO));
        List<Iq> iqs = server.sentIqs();
        return iqs.get(iqs.size() - 1);
    }

    private static String ver(XmlElement presence) {
        return presence.element(EntityCaps.NAMESPACE, "c").attribute("ver");
    }

    @Test
    void theNextConnectionAdvertisesTheSameRegistryAndKeepsTheFeatures() {
        XmppSession session = connect();
        session.capabilities().addFeature("urn:example:added-before-the-drop");
        String ver = session.capabilities().ver();
        assertThat(servers.get(0).stanzas).extracting(XmlElement::localName).containsExactly("presence", "presence");
        assertThat(ver(servers.get(0).stanzas.get(1))).isEqualTo(ver);

        transport.last().fail(new TransportException("connection reset", true));
        time.advanceTimeBy(Duration.ofSeconds(11));
        assertThat(servers).hasSize(2);
        ScriptedServer second = servers.get(1);

        assertThat(reconnects).hasValue(1);
        assertThat(ver(second.stanzas.get(0))).as("initial presence on the new connection").isEqualTo(ver);
        Iq info = ask(second, Iq.get(null, XmlElement.builder(DISCO, "query")
            .attribute("node", session.capabilities().node() + "#" + ver).build()));
        assertThat(info.payload().orElseThrow().elements(XmlName.of(DISCO, "feature")).map(f -> f.attribute("var")))
            .contains("urn:example:echo", "urn:example:added-before-the-drop");
        Iq echoed = ask(second, Iq.get(null, XmlElement.builder(ECHO).text("again").build()));
        assertThat(echoed.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(echoed.payload().orElseThrow().text()).isEqualTo("again");
        assertThat(session.feature(echo)).isEqualTo("echo");

        session.close().block(Duration.ofSeconds(5));
        assertThat(teardowns).hasValue(1);
    }
}
