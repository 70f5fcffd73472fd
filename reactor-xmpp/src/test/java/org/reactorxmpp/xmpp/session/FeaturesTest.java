package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/** The extension model on a real session: one instance per session, handlers by (type, name), teardown at the end. */
class FeaturesTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final XmlName ECHO = XmlName.of("urn:example:echo", "echo");
    private static final XmlName SHOUT = XmlName.of("urn:example:echo", "shout");

    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();
    private final AtomicInteger installs = new AtomicInteger();
    private final AtomicInteger teardowns = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The echo service; its settings are the feature. */
    record EchoService(Echo settings) {
    }

    /** Answers get {urn:example:echo}echo with the text behind a prefix; advertises urn:example:echo. */
    final class Echo implements Feature<EchoService> {
        final String prefix;

        Echo(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public FeatureKey<EchoService> key() {
            return echoKey;
        }

        @Override
        public EchoService install(FeatureContext ctx) {
            installs.incrementAndGet();
            ctx.handle(Iq.Type.GET, ECHO, iq -> Mono.just(iq.resultWith(
                XmlElement.builder(ECHO).text(prefix + iq.payload().orElseThrow().text()).build())));
            ctx.capability("urn:example:echo");
            ctx.codec(Delay.CODEC);
            ctx.route(Message.class, m -> m.body() != null, m -> events.add("message " + m.body()));
            ctx.onDispose(() -> {
                teardowns.incrementAndGet();
                events.add("echo torn down");
            });
            return new EchoService(this);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Echo e && e.prefix.equals(prefix);
        }

        @Override
        public int hashCode() {
            return prefix.hashCode();
        }

        @Override
        public String toString() {
            return "Echo(" + prefix + ")";
        }
    }

    private final FeatureKey<EchoService> echoKey = FeatureKey.of("echo", () -> new Echo(""));

    /** Depends on echo; torn down before it. */
    private final FeatureKey<String> dependent = FeatureKey.of("dependent", ctx -> {
        ctx.feature(echoKey);
        ctx.onDispose(() -> events.add("dependent torn down"));
        return "dependent";
    });

    private XmppSession connect(Consumer<XmppClient.Builder> options) {
        XmppClient.Builder b = ScriptedSessions.client(ScriptedSessions.transport(servers));
        options.accept(b);
        return b.build().connect().block(Duration.ofSeconds(10));
    }

    private ScriptedServer server() {
        return servers.get(servers.size() - 1);
    }

    private Iq lastSentIq() {
        List<Iq> iqs = server().sentIqs();
        return iqs.get(iqs.size() - 1);
    }

    private Iq ask(XmlName name, Iq.Type type, String text) {
        server().deliver(Iq.builder(type).id("q" + System.nanoTime()).from(ROMEO)
            .child(XmlElement.builder(name).text(text).build()).build());
        return lastSentIq();
    }

    @Test
    void sameServiceForTheSameSessionAndKey() {
        XmppSession session = connect(b -> { });
        EchoService first = session.feature(echoKey);
        assertThat(session.feature(echoKey)).isSameAs(first);
        assertThat(session.feature(new Echo(""))).as("an equal feature").isSameAs(first);
        assertThat(session.feature(dependent)).isEqualTo("dependent");
        assertThat(installs).as("installed once, also as a dependency").hasValue(1);
        assertThatThrownBy(() -> session.feature(new Echo("> ")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("echo").hasMessageContaining("Echo(> )");
        assertThat(connect(b -> { }).feature(echoKey)).as("another session, another service").isNotSameAs(first);
    }

    @Test
    void aDependencyCycleIsReportedNotOverflowed() {
        XmppSession session = connect(b -> { });
        AtomicReference<FeatureKey<String>> b = new AtomicReference<>();
        FeatureKey<String> a = FeatureKey.of("a", ctx -> ctx.feature(b.get()));
        b.set(FeatureKey.of("b", ctx -> ctx.feature(a)));
        assertThatThrownBy(() -> session.feature(a)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("depends on itself");
        assertThatThrownBy(() -> session.feature(a)).as("nothing half-installed stays")
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("depends on itself");
    }

    @Test
    void iqHandlersAreByTypeAndElementName() {
        XmppSession session = connect(b -> { });
        session.feature(new Echo("> "));
        Iq echo = ask(ECHO, Iq.Type.GET, "hi");
        assertThat(echo.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(echo.payload().orElseThrow().text()).isEqualTo("> hi");
        assertThat(ask(ECHO, Iq.Type.SET, "hi").error().orElseThrow().condition())
            .isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
        assertThat(ask(SHOUT, Iq.Type.GET, "hi").error().orElseThrow().condition())
            .as("same namespace, other element").isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
    }

    @Test
    void sessionEndRemovesHandlersRoutesCodecsAndCapabilitiesNewestFirst() {
        XmppSession session = connect(b -> { });
        session.feature(dependent);
        assertThat(session.codecs().contains(Delay.CODEC.name())).isTrue();
        assertThat(session.capabilities().features()).contains("urn:example:echo");
        server().deliver(Message.builder().from(ROMEO).body("before").build());

        session.close().block(Duration.ofSeconds(5));

        assertThat(events).containsExactly("message before", "dependent torn down", "echo torn down");
        assertThat(teardowns).hasValue(1);
        assertThat(session.codecs().contains(Delay.CODEC.name())).isFalse();
        assertThat(session.capabilities().features()).doesNotContain("urn:example:echo");
        // the namespace handler was released: registering one directly works again
        assertThat(session.handle(ECHO.namespace(), iq -> Mono.empty())).isNotNull();
        assertThatThrownBy(() -> session.feature(echoKey)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ended");
    }

    @Test
    void featuresDeclaredOnTheClientAreInTheFirstPresence() {
        FeatureKey<String> geoloc = FeatureKey.of("geoloc", ctx -> {
            ctx.capability("http://jabber.org/protocol/geoloc+notify");
            return "geoloc";
        });
        XmppSession session = connect(b -> b.feature(geoloc).codec(Delay.CODEC).sendInitialPresence(true));
        List<XmlElement> presences = server().stanzas.stream().filter(e -> e.localName().equals("presence")).toList();
        assertThat(presences).hasSize(1);
        String ver = presences.get(0).element(EntityCaps.NAMESPACE, "c").attribute("ver");
        assertThat(ver).isEqualTo(session.capabilities().ver());
        assertThat(session.capabilities().features()).contains("http://jabber.org/protocol/geoloc+notify");
        assertThat(session.codecs().contains(Delay.CODEC.name())).isTrue();
        assertThat(session.feature(geoloc)).isEqualTo("geoloc");
    }

    @Test
    void withSessionClosesAfterTheWork() {
        FakeTransport transport = ScriptedSessions.transport(servers);
        XmppClient client = ScriptedSessions.client(transport).build();
        String jid = client.withSession(session -> Mono.just(session.jid().toString())).block(Duration.ofSeconds(10));
        assertThat(jid).startsWith("juliet@example.com/");
        assertThat(transport.last().isClosed()).isTrue();
        assertThatThrownBy(() -> client.withSession(session -> Mono.error(new IllegalStateException("work failed")))
            .block(Duration.ofSeconds(10))).hasMessageContaining("work failed");
        assertThat(transport.last().isClosed()).as("closed after a failure too").isTrue();
    }
}
