package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** {@link XmppSession#features()}: the features after authentication, the latest connection's with reconnect. */
class XmppSessionFeaturesTest {

    private static final String ROSTERVER = "urn:xmpp:features:rosterver";
    private static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";

    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();

    /**
     * The scripted server, except that after SASL it announces bind plus the extra features of the
     * connection (numbered from 1).
     */
    private FakeTransport transport(List<List<String>> extraPerConnection) {
        return new FakeTransport(false, c -> {
            ScriptedServer scripted = new ScriptedServer(c);
            servers.add(scripted);
            List<String> extra = extraPerConnection.get(Math.min(servers.size(), extraPerConnection.size()) - 1);
            return new FakeConnection.Server() {
                @Override
                public void opened() {
                    scripted.opened();
                }

                @Override
                public void received(XmlElement element) {
                    scripted.received(element);
                }

                @Override
                public void restarted() {
                    XmlElement.Builder f = XmlElement.builder(Namespaces.STREAMS, "features")
                        .child(XmlElement.empty(Namespaces.BIND, "bind"));
                    extra.forEach(ns -> f.child(XmlElement.empty(ns, ns.equals(ROSTERVER) ? "ver" : "sub")));
                    c.push(f.build());
                }
            };
        });
    }

    private static XmppClient.Builder client(FakeTransport transport) {
        return XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false);
    }

    @Test
    void featuresAreThoseAnnouncedAfterAuthentication() {
        XmppSession session = client(transport(List.of(List.of(ROSTERVER, PRE_APPROVAL)))).build().connect()
            .block(Duration.ofSeconds(10));
        StreamFeatures features = session.features();
        assertThat(features.offersBind()).isTrue();
        // not the pre-authentication features
        assertThat(features.offersSasl()).isFalse();
        assertThat(features.feature(ROSTERVER)).get().extracting(XmlElement::localName).isEqualTo("ver");
        assertThat(features.feature(PRE_APPROVAL)).get().extracting(XmlElement::localName).isEqualTo("sub");
    }

    @Test
    void withoutOptionalFeaturesNoneIsReported() {
        XmppSession session = client(transport(List.of(List.of()))).build().connect().block(Duration.ofSeconds(10));
        assertThat(session.features().offersBind()).isTrue();
        assertThat(session.features().feature(ROSTERVER)).isEmpty();
        assertThat(session.features().feature(PRE_APPROVAL)).isEmpty();
    }

    @Test
    void afterAReconnectTheFeaturesAreTheNewConnections() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        FakeTransport transport = transport(List.of(List.of(ROSTERVER), List.of(PRE_APPROVAL)));
        XmppSession session = client(transport)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5)).reconnectScheduler(time)
            .build().connect().block(Duration.ofSeconds(10));
        assertThat(session.features().feature(ROSTERVER)).isPresent();
        assertThat(session.features().feature(PRE_APPROVAL)).isEmpty();

        // the features seen when CONNECTED is emitted are already the new connection's
        List<Boolean> preApprovalWhenConnected = new CopyOnWriteArrayList<>();
        session.states().skip(4).filter(s -> s.kind() == ConnectionState.Kind.CONNECTED)
            .subscribe(s -> preApprovalWhenConnected.add(session.features().feature(PRE_APPROVAL).isPresent()));

        transport.last().fail(new TransportException("connection reset", true));
        time.advanceTimeBy(Duration.ofSeconds(11));
        assertThat(transport.connections).hasSize(2);
        assertThat(preApprovalWhenConnected).containsExactly(true);
        assertThat(session.features().feature(ROSTERVER)).isEmpty();
        assertThat(session.features().feature(PRE_APPROVAL)).isPresent();
    }
}
