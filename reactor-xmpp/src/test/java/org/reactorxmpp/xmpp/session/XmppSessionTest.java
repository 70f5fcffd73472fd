package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.session.internal.SessionInternals;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class XmppSessionTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final String PING = "urn:xmpp:ping";

    private final AtomicReference<ScriptedServer> server = new AtomicReference<>();
    private FakeConnection connection;

    private XmppSession connect(Consumer<XmppClient.Builder> options) {
        FakeTransport transport = new FakeTransport(false, c -> {
            ScriptedServer s = new ScriptedServer(c);
            server.set(s);
            return s;
        });
        XmppClient.Builder b = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false);
        options.accept(b);
        XmppSession session = b.build().connect().block(Duration.ofSeconds(10));
        connection = transport.last();
        return session;
    }

    private XmppSession connect() {
        return connect(b -> { });
    }

    private static Iq ping(Jid to) {
        return Iq.get(to, XmlElement.empty(PING, "ping"));
    }

    private Iq lastSentIq() {
        List<Iq> iqs = server.get().sentIqs();
        return iqs.get(iqs.size() - 1);
    }

    @Test
    void replyFromAnotherSenderIsIgnored() {
        XmppSession session = connect();
        Iq request = ping(ROMEO);
        StepVerifier.create(session.request(request))
            .then(() -> {
                assertThat(lastSentIq().id()).isEqualTo(request.id());
                server.get().deliver(request.withFrom(Jid.parse("mallory@example.net/x")).withTo(null)
                    .toBuilder().type(Iq.Type.RESULT).build());
            })
            .expectNoEvent(Duration.ZERO)
            .then(() -> server.get().deliver(request.resultWith(null).withFrom(ROMEO)))
            .assertNext(reply -> {
                assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
                assertThat(reply.from()).isEqualTo(ROMEO);
            })
            .verifyComplete();
    }

    @Test
    void requestToOwnServerAcceptsRepliesWithoutFromOrFromTheDomainOrBareJid() {
        XmppSession session = connect();
        for (String from : new String[] {null, "example.com", "juliet@example.com"}) {
            Iq request = Iq.get(null, XmlElement.empty("jabber:iq:roster", "query"));
            StepVerifier.create(session.request(request))
                .then(() -> server.get().deliver(Iq.builder(Iq.Type.RESULT).id(request.id())
                    .from(from == null ? null : Jid.parse(from)).build()))
                .expectNextCount(1)
                .verifyComplete();
        }
        Iq request = Iq.get(null, XmlElement.empty("jabber:iq:roster", "query"));
        StepVerifier.create(session.request(request, Duration.ofMillis(200)))
            .then(() -> server.get().deliver(Iq.builder(Iq.Type.RESULT).id(request.id()).from(ROMEO).build()))
            .expectErrorSatisfies(e -> assertThat(((StanzaErrorException) e).condition())
                .isEqualTo(StanzaError.Condition.REMOTE_SERVER_TIMEOUT))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void timeoutIsRemoteServerTimeoutAndRemovesThePendingEntry() {
        XmppSession session = connect();
        Iq request = ping(ROMEO);
        StepVerifier.withVirtualTime(() -> session.request(request, Duration.ofSeconds(5)))
            .expectSubscription()
            .expectNoEvent(Duration.ofSeconds(4))
            .thenAwait(Duration.ofSeconds(1))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(StanzaErrorException.class);
                StanzaErrorException se = (StanzaErrorException) e;
                assertThat(se.condition()).isEqualTo(StanzaError.Condition.REMOTE_SERVER_TIMEOUT);
                assertThat(se.stanza()).isEmpty();
                assertThat(se).hasMessageContaining(request.id());
            })
            .verify(Duration.ofSeconds(10));
        assertThat(SessionInternals.pendingRequests(session)).isZero();
        // a late reply is just an inbound stanza: delivered to inbound subscribers, correlated with nothing
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        session.inbound().subscribe(inbound::add);
        int sentBefore = server.get().stanzas.size();
        server.get().deliver(request.resultWith(null).withFrom(ROMEO));
        assertThat(inbound).singleElement().satisfies(s -> {
            assertThat(s).isInstanceOf(Iq.class);
            assertThat(((Iq) s).id()).isEqualTo(request.id());
            assertThat(((Iq) s).type()).isEqualTo(Iq.Type.RESULT);
        });
        assertThat(SessionInternals.pendingRequests(session)).isZero();
        // and it is not answered (a result never gets an error reply)
        assertThat(server.get().stanzas).hasSize(sentBefore);
    }

    @Test
    void defaultRequestTimeoutComesFromTheBuilder() {
        XmppSession session = connect(b -> b.requestTimeout(Duration.ofSeconds(7)));
        StepVerifier.withVirtualTime(() -> session.request(ping(ROMEO)))
            .expectSubscription()
            .expectNoEvent(Duration.ofSeconds(6))
            .thenAwait(Duration.ofSeconds(1))
            .expectError(StanzaErrorException.class)
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void errorReplyIsStanzaErrorException() {
        XmppSession session = connect();
        Iq request = ping(ROMEO);
        StepVerifier.create(session.request(request))
            .then(() -> server.get().deliver(request.errorWith(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE))))
            .expectErrorSatisfies(e -> {
                StanzaErrorException se = (StanzaErrorException) e;
                assertThat(se.condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
                assertThat(se.stanza()).isPresent();
            })
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void cancelRemovesThePendingEntry() {
        XmppSession session = connect();
        Disposable d = session.request(ping(ROMEO)).subscribe();
        assertThat(SessionInternals.pendingRequests(session)).isEqualTo(1);
        d.dispose();
        assertThat(SessionInternals.pendingRequests(session)).isZero();
    }

    @Test
    void requestIsLazyAndRegisteredBeforeTheSend() {
        XmppSession session = connect();
        Iq request = ping(ROMEO);
        Mono<Iq> mono = session.request(request);
        assertThat(server.get().sentIqs()).isEmpty();
        // the scripted server answers synchronously inside send(): the entry must already exist
        server.get().onStanza = e -> server.get().deliver(Iq.of(e).resultWith(null));
        StepVerifier.create(mono).expectNextCount(1).verifyComplete();
    }

    @Test
    void onlyGetOrSetCanBeRequested() {
        XmppSession session = connect();
        StepVerifier.create(session.request(Iq.builder(Iq.Type.RESULT).build()))
            .expectError(IllegalArgumentException.class)
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void unhandledGetIsAnsweredFeatureNotImplemented() {
        connect();
        Iq incoming = Iq.get(null, XmlElement.empty("urn:example:unknown", "query")).withFrom(ROMEO);
        server.get().deliver(incoming);
        Iq reply = lastSentIq();
        assertThat(reply.id()).isEqualTo(incoming.id());
        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(reply.toText()).isEqualTo(ROMEO.toString());
        assertThat(reply.error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
    }

    @Test
    void handlersAnswerByNamespaceAndCanBeRemoved() {
        XmppSession session = connect();
        Disposable registration = session.handle("urn:example:echo",
            IqHandler.ofPayload(iq -> Mono.just(XmlElement.builder("urn:example:echo", "echo").text("hi").build())));
        assertThatThrownBy(() -> session.handle("urn:example:echo", iq -> Mono.empty()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("urn:example:echo");

        server.get().deliver(Iq.set(null, XmlElement.empty("urn:example:echo", "echo")).withFrom(ROMEO));
        Iq reply = lastSentIq();
        assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(reply.payload().orElseThrow().text()).isEqualTo("hi");

        registration.dispose();
        server.get().deliver(Iq.set(null, XmlElement.empty("urn:example:echo", "echo")).withFrom(ROMEO));
        assertThat(lastSentIq().error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
    }

    @Test
    void handlerErrorsBecomeErrorReplies() {
        XmppSession session = connect();
        session.handle("urn:example:a", iq -> Mono.error(new StanzaErrorException(
            StanzaError.of(StanzaError.Condition.NOT_ALLOWED), null)));
        session.handle("urn:example:b", iq -> {
            throw new IllegalStateException("bug");
        });
        server.get().deliver(Iq.get(null, XmlElement.empty("urn:example:a", "q")).withFrom(ROMEO));
        assertThat(lastSentIq().error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.NOT_ALLOWED);
        server.get().deliver(Iq.get(null, XmlElement.empty("urn:example:b", "q")).withFrom(ROMEO));
        assertThat(lastSentIq().error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
    }

    @Test
    void inboundIsMulticastWithTypedViews() {
        XmppSession session = connect();
        StepVerifier.create(session.inbound().take(3))
            .then(() -> {
                StepVerifier.create(session.messages().take(1))
                    .then(() -> {
                        server.get().deliver(Presence.builder().from(ROMEO).build());
                        server.get().deliver(Message.builder().from(ROMEO).body("one").build());
                        server.get().deliver(Message.builder().from(ROMEO).body("two").build());
                    })
                    .assertNext(m -> assertThat(m.body()).isEqualTo("one"))
                    .verifyComplete();
            })
            .assertNext(s -> assertThat(s).isInstanceOf(Presence.class))
            .assertNext(s -> assertThat(((Message) s).body()).isEqualTo("one"))
            .assertNext(s -> assertThat(((Message) s).body()).isEqualTo("two"))
            .verifyComplete();
    }

    @Test
    void slowSubscriberGetsAnOverflowErrorNotASilentDrop() {
        XmppSession session = connect(b -> b.inboundBufferSize(2));
        List<Object> signals = new CopyOnWriteArrayList<>();
        BaseSubscriber<Stanza> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // no demand yet
            }

            @Override
            protected void hookOnNext(Stanza value) {
                signals.add(((Message) value).body());
            }

            @Override
            protected void hookOnError(Throwable error) {
                signals.add(error);
            }
        };
        session.inbound().subscribe(slow);
        // delivery is synchronous: after this loop, the third stanza has found the buffer full
        for (int i = 0; i < 3; i++) {
            server.get().deliver(Message.builder().from(ROMEO).body("m" + i).build());
        }
        assertThat(signals).as("nothing is pushed without demand").isEmpty();
        slow.request(2);
        // what was buffered is delivered, then the overflow is signalled: nothing vanishes silently
        assertThat(signals).hasSize(3);
        assertThat(signals.subList(0, 2)).containsExactly("m0", "m1");
        assertThat(signals.get(2)).isInstanceOfSatisfying(TransportOverflowException.class,
            e -> assertThat(e.capacity()).isEqualTo(2));
        // the session itself keeps working
        StepVerifier.create(session.request(ping(ROMEO)))
            .then(() -> server.get().deliver(lastSentIq().resultWith(null).withFrom(ROMEO)))
            .expectNextCount(1).verifyComplete();
    }

    @Test
    void closeSendsUnavailablePresenceAndEndsEverything() {
        XmppSession session = connect();
        Mono<Iq> pendingRequest = session.request(ping(ROMEO));
        StepVerifier.create(session.states())
            .expectNext(ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.BINDING,
                ConnectionState.CONNECTED)
            .then(() -> {
                StepVerifier.create(session.inbound())
                    .then(() -> StepVerifier.create(pendingRequest)
                        .then(() -> session.close().subscribe())
                        .expectError(TransportClosedException.class)
                        .verify(Duration.ofSeconds(10)))
                    .verifyComplete();
            })
            .expectNext(ConnectionState.DISCONNECTING, ConnectionState.disconnected(null))
            .verifyComplete();
        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.finalPayload()).isNotNull();
        assertThat(Presence.of(connection.finalPayload()).type()).isEqualTo(Presence.Type.UNAVAILABLE);
        StepVerifier.create(session.onClose()).verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void streamErrorEndsTheSessionWithTheCause() {
        XmppSession session = connect();
        StreamErrorException error = new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT));
        StepVerifier.create(session.inbound())
            .then(() -> connection.fail(error))
            .expectErrorSatisfies(e -> assertThat(e).isSameAs(error))
            .verify(Duration.ofSeconds(10));
        StepVerifier.create(session.onClose()).expectErrorSatisfies(e -> assertThat(e).isSameAs(error))
            .verify(Duration.ofSeconds(10));
        StepVerifier.create(session.states())
            .expectNext(ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.BINDING,
                ConnectionState.CONNECTED, ConnectionState.disconnected(error))
            .verifyComplete();
    }

    @Test
    void availablePresenceCarriesCapsMatchingDiscoInfo() {
        XmppSession session = connect(b -> b.identity(DiscoIdentity.of("client", "bot", "Bot"))
            .capabilityFeatures(List.of("urn:example:feature")).capsNode("https://example.org/bot"));
        session.send(Presence.builder().build()).block(Duration.ofSeconds(5));
        session.send(Presence.builder().type(Presence.Type.UNAVAILABLE).build()).block(Duration.ofSeconds(5));
        List<XmlElement> presences = server.get().stanzas.stream()
            .filter(e -> e.localName().equals("presence")).collect(Collectors.toList());
        XmlElement c = presences.get(0).element(EntityCaps.NAMESPACE, "c");
        assertThat(c.attribute("node")).isEqualTo("https://example.org/bot");
        assertThat(presences.get(1).element(EntityCaps.NAMESPACE, "c")).isNull();

        Iq disco = Iq.get(null, XmlElement.builder("http://jabber.org/protocol/disco#info", "query")
            .attribute("node", "https://example.org/bot#" + c.attribute("ver")).build()).withFrom(ROMEO);
        server.get().deliver(disco);
        XmlElement query = lastSentIq().payload().orElseThrow();
        List<String> features = query.elements(XmlName.of("http://jabber.org/protocol/disco#info", "feature"))
            .map(f -> f.attribute("var")).collect(Collectors.toList());
        assertThat(features).contains("urn:xmpp:ping", "urn:xmpp:time", "jabber:iq:version",
            "http://jabber.org/protocol/disco#info", "urn:example:feature");
        assertThat(query.attribute("node")).isEqualTo(disco.payload().orElseThrow().attribute("node"));
        assertThat(EntityCaps.ver(List.of(DiscoIdentity.of("client", "bot", "Bot")), features))
            .isEqualTo(c.attribute("ver"));
    }

    @Test
    void builtInRespondersAnswer() {
        connect(b -> b.software("TestBot", "1.2.3"));
        server.get().deliver(ping(null).withFrom(ROMEO));
        Iq pong = lastSentIq();
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(pong.payload()).isEmpty();

        server.get().deliver(Iq.get(null, XmlElement.empty("jabber:iq:version", "query")).withFrom(ROMEO));
        XmlElement version = lastSentIq().payload().orElseThrow();
        assertThat(version.childText(XmlName.of("jabber:iq:version", "name"))).isEqualTo("TestBot");
        assertThat(version.childText(XmlName.of("jabber:iq:version", "version"))).isEqualTo("1.2.3");

        server.get().deliver(Iq.get(null, XmlElement.empty("urn:xmpp:time", "time")).withFrom(ROMEO));
        XmlElement time = lastSentIq().payload().orElseThrow();
        assertThat(time.childText(XmlName.of("urn:xmpp:time", "tzo"))).matches("Z|[+-]\\d\\d:\\d\\d");
        assertThat(time.childText(XmlName.of("urn:xmpp:time", "utc"))).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        server.get().deliver(Iq.get(null, XmlElement.builder("http://jabber.org/protocol/disco#info", "query")
            .attribute("node", "urn:unknown#x").build()).withFrom(ROMEO));
        assertThat(lastSentIq().error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
    }

    @Test
    void disabledRespondersAreNeitherAnsweredNorAdvertised() {
        connect(b -> b.responders(EnumSet.of(BuiltInResponder.PING, BuiltInResponder.DISCO_INFO)));
        server.get().deliver(Iq.get(null, XmlElement.empty("urn:xmpp:time", "time")).withFrom(ROMEO));
        assertThat(lastSentIq().error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
        server.get().deliver(Iq.get(null, XmlElement.empty("http://jabber.org/protocol/disco#info", "query")).withFrom(ROMEO));
        XmlElement query = lastSentIq().payload().orElseThrow();
        Set<String> features = query.elements(XmlName.of("http://jabber.org/protocol/disco#info", "feature"))
            .map(f -> f.attribute("var")).collect(Collectors.toSet());
        assertThat(features).contains("urn:xmpp:ping", "http://jabber.org/protocol/disco#info")
            .doesNotContain("urn:xmpp:time", "jabber:iq:version");
        XmlElement identity = query.element(XmlName.of("http://jabber.org/protocol/disco#info", "identity"));
        assertThat(identity.attribute("category")).isEqualTo("client");
        assertThat(identity.attribute("type")).isEqualTo("pc");
    }

    @Test
    void inboundIqRepliesAlsoReachInbound() {
        XmppSession session = connect();
        Iq request = ping(ROMEO);
        StepVerifier.create(session.iqs().take(1))
            .then(() -> session.request(request).subscribe())
            .then(() -> server.get().deliver(request.resultWith(null).withFrom(ROMEO)))
            .assertNext(iq -> assertThat(iq.id()).isEqualTo(request.id()))
            .verifyComplete();
    }
}
