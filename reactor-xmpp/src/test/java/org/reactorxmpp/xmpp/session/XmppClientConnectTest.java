package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.session.internal.SessionInternals;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class XmppClientConnectTest {

    private final AtomicReference<ScriptedServer> server = new AtomicReference<>();

    private FakeTransport transport(boolean secure, Consumer<ScriptedServer> setup) {
        return new FakeTransport(secure, c -> {
            ScriptedServer s = new ScriptedServer(c);
            setup.accept(s);
            server.set(s);
            return s;
        });
    }

    private static XmppClient.Builder client(FakeTransport transport) {
        return XmppClient.builder()
            .jid(ScriptedServer.USER + "@" + ScriptedServer.DOMAIN)
            .password(ScriptedServer.PASSWORD)
            .transport(transport)
            .saslScheduler(Schedulers.immediate());
    }

    @Test
    void connectIsLazy() {
        FakeTransport transport = transport(false, s -> { });
        Mono<XmppSession> connect = client(transport).build().connect();
        assertThat(transport.connections).isEmpty();
        StepVerifier.create(connect).expectNextCount(1).verifyComplete();
        assertThat(transport.connections).hasSize(1);
        assertThat(transport.opens.get(0).to()).isEqualTo("example.com");
    }

    @Test
    void scramSha1LoginBindsServerAssignedResourceAndSendsInitialPresenceWithCaps() {
        FakeTransport transport = transport(false, s -> { });
        XmppSession session = client(transport).build().connect().block(Duration.ofSeconds(10));

        assertThat(session.jid()).isEqualTo(FullJid.parse("juliet@example.com/server-assigned-7"));
        FakeConnection c = transport.last();
        assertThat(server.get().authenticated()).isTrue();
        assertThat(c.restarts.get()).isEqualTo(1);
        assertThat(c.sent).extracting(XmlElement::localName).containsExactly("auth", "response", "iq", "presence");
        assertThat(c.sent.get(0).attribute("mechanism")).isEqualTo("SCRAM-SHA-1");
        XmlElement bind = c.sent.get(2).element(Namespaces.BIND, "bind");
        assertThat(bind).isNotNull();
        assertThat(bind.element(Namespaces.BIND, "resource")).isNull();
        XmlElement caps = c.sent.get(3).element(EntityCaps.NAMESPACE, "c");
        assertThat(caps).isNotNull();
        assertThat(caps.attribute("hash")).isEqualTo("sha-1");
        // the connect sequence is replayed to a subscriber that arrives after connect() emitted
        StepVerifier.create(session.states().take(4))
            .expectNext(ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.BINDING,
                ConnectionState.CONNECTED)
            .verifyComplete();
    }

    @Test
    void scramStepsRunOnTheSaslScheduler() {
        FakeTransport transport = transport(false, s -> { });
        Scheduler sasl = Schedulers.newSingle("sasl-test");
        try {
            client(transport).saslScheduler(sasl).build().connect().block(Duration.ofSeconds(10));
        } finally {
            sasl.dispose();
        }
        // the client-final message (with the PBKDF2-derived proof) is computed and sent on the SASL scheduler
        assertThat(server.get().saslThreads).hasSize(2);
        assertThat(server.get().saslThreads.get(1)).startsWith("response@sasl-test");
    }

    @Test
    void clientChosenResourceIsRequested() {
        FakeTransport transport = transport(false, s -> { });
        XmppSession session = client(transport).resource("balcony").sendInitialPresence(false).build()
            .connect().block(Duration.ofSeconds(10));
        assertThat(session.jid().resource()).isEqualTo("balcony");
        XmlElement bind = transport.last().sent("iq").get(0).element(Namespaces.BIND, "bind");
        assertThat(bind.childText(XmlName.of(Namespaces.BIND, "resource"))).isEqualTo("balcony");
        assertThat(transport.last().sent("presence")).isEmpty();
    }

    @Test
    void wrongServerSignatureAbortsAndClosesTheConnection() {
        FakeTransport transport = transport(false, s -> s.corruptServerSignature = true);
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SaslException.class)
                .extracting(x -> ((SaslException) x).condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH))
            .verify(Duration.ofSeconds(10));
        FakeConnection c = transport.last();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.restarts.get()).isZero();
        assertThat(c.sent("iq")).isEmpty();
    }

    @Test
    void saslFailureSurfacesConditionAndText() {
        FakeTransport transport = transport(true, s -> {
            s.mechanisms = List.of("PLAIN");
            s.password = "other";
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SaslException.class);
                SaslException se = (SaslException) e;
                assertThat(se.condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
                assertThat(se.text()).contains("Invalid username or password");
            })
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().isClosed()).isTrue();
    }

    @Test
    void wrongScramPasswordIsNotAuthorized() {
        FakeTransport transport = transport(false, s -> s.password = "other");
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void plainIsRefusedOverAnInsecureTransportUnlessAllowed() {
        FakeTransport insecure = transport(false, s -> s.mechanisms = List.of("PLAIN"));
        StepVerifier.create(client(insecure).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NO_ACCEPTABLE_MECHANISM);
                assertThat(e).hasMessageContaining("unsecureAllowed");
            })
            .verify(Duration.ofSeconds(10));
        assertThat(insecure.last().sent).isEmpty();
        assertThat(insecure.last().isClosed()).isTrue();

        FakeTransport allowed = transport(false, s -> s.mechanisms = List.of("PLAIN"));
        StepVerifier.create(client(allowed).unsecureAllowed(true).build().connect())
            .expectNextCount(1).verifyComplete();
        assertThat(allowed.last().sent.get(0).attribute("mechanism")).isEqualTo("PLAIN");

        FakeTransport secure = transport(true, s -> s.mechanisms = List.of("PLAIN"));
        StepVerifier.create(client(secure).build().connect()).expectNextCount(1).verifyComplete();
        XmlElement auth = secure.last().sent.get(0);
        assertThat(new String(Base64.getDecoder().decode(auth.text()), StandardCharsets.UTF_8))
            .isEqualTo("\0juliet\0" + ScriptedServer.PASSWORD);
    }

    @Test
    void enabledMechanismsOrderIsHonoured() {
        FakeTransport transport = transport(true, s -> s.mechanisms = List.of("SCRAM-SHA-1", "PLAIN"));
        StepVerifier.create(client(transport).enabledMechanisms(List.of("PLAIN", "SCRAM-SHA-1")).build().connect())
            .expectNextCount(1).verifyComplete();
        assertThat(transport.last().sent.get(0).attribute("mechanism")).isEqualTo("PLAIN");
    }

    @Test
    void legacySessionOnlyWhenRequired() {
        FakeTransport required = transport(false, s -> s.session = true);
        client(required).build().connect().block(Duration.ofSeconds(10));
        List<XmlElement> iqs = required.last().sent("iq");
        assertThat(iqs).hasSize(2);
        assertThat(iqs.get(1).element(Namespaces.SESSION, "session")).isNotNull();
        assertThat(iqs.get(1).attribute("type")).isEqualTo("set");

        FakeTransport optional = transport(false, s -> {
            s.session = true;
            s.sessionOptional = true;
        });
        client(optional).build().connect().block(Duration.ofSeconds(10));
        assertThat(optional.last().sent("iq")).hasSize(1);

        FakeTransport absent = transport(false, s -> { });
        client(absent).build().connect().block(Duration.ofSeconds(10));
        assertThat(absent.last().sent("iq")).hasSize(1);
    }

    @Test
    void bindTimeoutNamesThePhaseAndClosesTheConnection() {
        FakeTransport transport = transport(false, s -> s.answerBind = false);
        XmppClient client = client(transport).bindRetryCountdown(Duration.ofSeconds(30)).build();
        StepVerifier.withVirtualTime(client::connect)
            .thenAwait(Duration.ofSeconds(30))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(XmppConnectException.class);
                XmppConnectException ce = (XmppConnectException) e;
                assertThat(ce.phase()).isEqualTo(ConnectPhase.BIND);
                assertThat(ce.isTimeout()).isTrue();
                assertThat(ce.isTransient()).isTrue();
                assertThat(ce).hasMessageContaining("BIND");
            })
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().isClosed()).isTrue();
    }

    @Test
    void transportTimeoutWhenNoFeaturesArrive() {
        FakeTransport transport = new FakeTransport(false, c -> new FakeConnection.Server() { });
        XmppClient client = client(transport).connectTimeout(Duration.ofSeconds(5)).build();
        StepVerifier.withVirtualTime(client::connect)
            .thenAwait(Duration.ofSeconds(5))
            .expectErrorSatisfies(e -> assertThat(((XmppConnectException) e).phase()).isEqualTo(ConnectPhase.TRANSPORT))
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().isClosed()).isTrue();
    }

    @Test
    void saslTimeoutNamesThePhase() {
        FakeTransport transport = new FakeTransport(false, c -> new FakeConnection.Server() {
            @Override
            public void opened() {
                c.push(XmlElement.builder(Namespaces.STREAMS, "features")
                    .child(XmlElement.builder(Namespaces.SASL, "mechanisms")
                        .textChild(Namespaces.SASL, "mechanism", "SCRAM-SHA-1").build())
                    .build());
            }
        });
        XmppClient client = client(transport).connectTimeout(Duration.ofSeconds(5)).build();
        StepVerifier.withVirtualTime(client::connect)
            .thenAwait(Duration.ofSeconds(5))
            .expectErrorSatisfies(e -> assertThat(((XmppConnectException) e).phase()).isEqualTo(ConnectPhase.SASL))
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().sent).extracting(XmlElement::localName).containsExactly("auth");
        assertThat(transport.last().isClosed()).isTrue();
    }

    @Test
    void builderRequiresAccountPasswordAndTransport() {
        FakeTransport transport = transport(false, s -> { });
        assertThatThrownBy(() -> XmppClient.builder().password("x").transport(transport).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("jid");
        assertThatThrownBy(() -> XmppClient.builder().jid("a@example.com").transport(transport).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> XmppClient.builder().jid("a@example.com").password("x").build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("transport");
        assertThatThrownBy(() -> XmppClient.builder().jid("example.com").password("x").transport(transport).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("localpart");
        assertThatThrownBy(() -> client(transport).enabledMechanisms(List.of("X-UNKNOWN")).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-UNKNOWN");
        assertThatThrownBy(() -> client(transport).requestTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }

    @Test
    void resourceInTheJidStringIsRequested() {
        FakeTransport transport = transport(false, s -> { });
        XmppSession session = XmppClient.builder().jid("juliet@example.com/garden").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).build().connect().block(Duration.ofSeconds(10));
        assertThat(session.jid().resource()).isEqualTo("garden");
    }

    @Test
    void bindErrorIsTyped() {
        FakeTransport transport = transport(false, s -> s.bindError = StanzaError.Condition.CONFLICT);
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(((XmppConnectException) e).phase()).isEqualTo(ConnectPhase.BIND);
                assertThat(e).hasMessageContaining("conflict");
                assertThat(e.getCause()).isInstanceOf(StanzaErrorException.class);
                assertThat(((StanzaErrorException) e.getCause()).condition()).isEqualTo(StanzaError.Condition.CONFLICT);
            })
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void cancellingConnectClosesTheHalfOpenConnection() {
        FakeTransport transport = transport(false, s -> s.answerBind = false);
        Disposable subscription = client(transport).build().connect().subscribe();
        FakeConnection c = transport.last();
        assertThat(c.sent("iq")).hasSize(1);
        assertThat(c.isClosed()).isFalse();
        subscription.dispose();
        assertThat(c.isClosed()).isTrue();
    }

    /**
     * A SASL step that had started on its scheduler when the connect was cancelled (seen on a real server: the
     * cancel closed the connection and destroyed the credentials while the step ran) ends in an error nobody waits
     * for; it must not reach {@code Hooks.onErrorDropped}, with or without reconnect (which keeps the credentials
     * in the session).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSaslStepRunningWhenTheConnectIsCancelledDropsNoError(boolean reconnect) {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        StartedTasks sasl = new StartedTasks();
        FakeTransport transport = transport(false, s -> { });
        XmppClient.Builder builder = client(transport).saslScheduler(sasl);
        if (reconnect) {
            builder.reconnect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        }
        Disposable subscription = builder.build().connect().subscribe();
        assertThat(sasl.tasks).as("the first SASL step waits on its scheduler").hasSize(1);
        subscription.dispose();
        FakeConnection c = transport.last();
        assertThat(c.isClosed()).isTrue();
        sasl.runAll(); // the step goes on, as one that had started would: credentials destroyed, connection closed
        assertThat(c.sent("auth")).isEmpty();
        assertThat(dropped).isEmpty();
    }

    /** A scheduler whose tasks run when the test says, and cannot be stopped once scheduled (as if started). */
    private static final class StartedTasks implements Scheduler {
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();

        @Override
        public Disposable schedule(Runnable task) {
            tasks.add(task);
            return () -> { };
        }

        void runAll() {
            tasks.forEach(Runnable::run);
        }

        @Override
        public Worker createWorker() {
            StartedTasks self = this;
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    return self.schedule(task);
                }

                @Override
                public void dispose() {
                }
            };
        }
    }

    @Test
    void withoutReconnectThePasswordCopyIsZeroedRightAfterSasl() throws Exception {
        FakeTransport transport = transport(false, s -> { });
        XmppSession session = client(transport).build().connect().block(Duration.ofSeconds(10));
        SaslCredentials credentials = SessionInternals.credentials(session);
        assertThat(credentials.isDestroyed()).isTrue();
        assertThat(XmppSessionReconnectTest.passwordChars(credentials))
            .hasSize(ScriptedServer.PASSWORD.length()).containsOnly('\0');
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void digestMd5LoginWithRspauthChallenge() {
        FakeTransport transport = transport(false, s -> s.mechanisms = List.of("DIGEST-MD5"));
        XmppSession session = client(transport).build().connect().block(Duration.ofSeconds(10));
        assertThat(session.jid()).isEqualTo(FullJid.parse("juliet@example.com/server-assigned-7"));
        assertThat(server.get().chosenMechanism).isEqualTo("DIGEST-MD5");
        assertThat(server.get().authenticated()).isTrue();
        // auth, digest-response, empty answer to the rspauth challenge, bind, presence
        FakeConnection c = transport.last();
        assertThat(c.sent).extracting(XmlElement::localName)
            .containsExactly("auth", "response", "response", "iq", "presence");
        assertThat(c.sent.get(2).text()).isEqualTo("=");
        String digestResponse = new String(Base64.getDecoder().decode(c.sent.get(1).text()), StandardCharsets.UTF_8);
        assertThat(digestResponse).contains("digest-uri=\"xmpp/example.com\"", "qop=auth", "nc=00000001")
            .doesNotContain(ScriptedServer.PASSWORD);
    }

    @Test
    void digestMd5LoginWithRspauthInSuccessData() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("DIGEST-MD5");
            s.digestRspauthInSuccess = true;
        });
        XmppSession session = client(transport).build().connect().block(Duration.ofSeconds(10));
        assertThat(session.jid().resource()).isEqualTo("server-assigned-7");
        assertThat(transport.last().sent).extracting(XmlElement::localName)
            .containsExactly("auth", "response", "iq", "presence");
    }

    @Test
    void digestMd5WrongRspauthAbortsTheLogin() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("DIGEST-MD5");
            s.corruptServerSignature = true;
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SaslException.class).hasMessageContaining("rspauth");
                assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH);
            })
            .verify(Duration.ofSeconds(10));
        FakeConnection c = transport.last();
        assertThat(c.sent).extracting(XmlElement::localName).containsExactly("auth", "response", "abort");
        assertThat(c.isClosed()).isTrue();
        assertThat(c.restarts.get()).isZero();
    }

    @Test
    void digestMd5WrongRspauthInSuccessAbortsTheLogin() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("DIGEST-MD5");
            s.corruptServerSignature = true;
            s.digestRspauthInSuccess = true;
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(((SaslException) e).condition())
                .isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH))
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().isClosed()).isTrue();
        assertThat(transport.last().sent("iq")).isEmpty();
    }

    @Test
    void digestMd5WrongPasswordIsNotAuthorized() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("DIGEST-MD5");
            s.password = "other";
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void scramSha512IsPreferredAndLogsIn() {
        FakeTransport transport = transport(false, s -> s.mechanisms = List.of("SCRAM-SHA-1", "DIGEST-MD5", "SCRAM-SHA-512"));
        XmppSession session = client(transport).build().connect().block(Duration.ofSeconds(10));
        assertThat(server.get().chosenMechanism).isEqualTo("SCRAM-SHA-512");
        assertThat(server.get().authenticated()).isTrue();
        assertThat(session.jid().resource()).isEqualTo("server-assigned-7");
        assertThat(transport.last().sent).extracting(XmlElement::localName)
            .containsExactly("auth", "response", "iq", "presence");
    }

    @Test
    void scramSha512WrongServerSignatureAborts() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("SCRAM-SHA-512");
            s.corruptServerSignature = true;
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(((SaslException) e).condition())
                .isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH))
            .verify(Duration.ofSeconds(10));
        assertThat(transport.last().isClosed()).isTrue();
        assertThat(transport.last().restarts.get()).isZero();
        assertThat(transport.last().sent("iq")).isEmpty();
    }

    @Test
    void scramSha512WrongPasswordIsNotAuthorized() {
        FakeTransport transport = transport(false, s -> {
            s.mechanisms = List.of("SCRAM-SHA-512");
            s.password = "other";
        });
        StepVerifier.create(client(transport).build().connect())
            .expectErrorSatisfies(e -> assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED))
            .verify(Duration.ofSeconds(10));
    }
}
