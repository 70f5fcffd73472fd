package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.FailoverExhaustedException;
import org.reactorxmpp.xmpp.failover.FailoverSignal;
import org.reactorxmpp.xmpp.failover.HomeNodes;
import org.reactorxmpp.xmpp.failover.JsonFileNodeStore;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** CUP service discovery and failover over fake nodes: the order of candidates, the hops, the backoff. */
class XmppClientFailoverTest {

    private static final String SD1 = "10.0.0.1";
    private static final String SD2 = "10.0.0.2";
    private static final String HOME = "10.0.0.3";
    private static final String BACKUP = "10.0.0.4";
    private static final BareJid JULIET = Jid.parse("juliet@example.com").asBare();

    @TempDir
    Path dir;

    private final Cluster cluster = new Cluster();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private JsonFileNodeStore store() {
        return JsonFileNodeStore.builder(dir.resolve("nodes.json")).expiry(Duration.ofDays(1)).clock(clock)
            .scheduler(Schedulers.immediate()).build();
    }

    private XmppClient.Builder client(Consumer<XmppClient.Builder> options) {
        XmppClient.Builder b = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transports(cluster::transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .serviceDiscovery(CupServiceDiscovery.builder().primary(Cluster.url(SD1)).secondary(Cluster.url(SD2))
                .store(store()).build())
            .reconnectScheduler(time);
        options.accept(b);
        return b;
    }

    private XmppSession connect(Consumer<XmppClient.Builder> options) {
        return client(options).build().connect().block(Duration.ofSeconds(10));
    }

    private static List<URI> urls(String... ips) {
        return java.util.Arrays.stream(ips).map(Cluster::url).toList();
    }

    private static ConnectionState connected(String ip) {
        return ConnectionState.CONNECTED.withUrl(Cluster.url(ip));
    }

    @Test
    void theServiceDiscoveryNodeSendsTheClientToItsHomeNodeBeforeAuthenticating() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> { });

        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));
        FakeConnection sd = cluster.lastConnection(SD1);
        assertThat(sd.isClosed()).isTrue();
        assertThat(sd.sent).as("nothing, not even SASL, went to the SD node").isEmpty();
        assertThat(cluster.lastServer(HOME).chosenMechanism).isNotNull();
        assertThat(session.states().blockFirst(Duration.ofSeconds(1))).isEqualTo(
            ConnectionState.CONNECTING.withUrl(Cluster.url(HOME)));
        assertThat(session.states().take(4).collectList().block(Duration.ofSeconds(1)))
            .last().isEqualTo(connected(HOME));
        assertThat(store().load(JULIET).block()).isEqualTo(HomeNodes.of(Cluster.url(HOME), Cluster.url(BACKUP)));
    }

    @Test
    void homeDownAtConnectGoesToTheBackupWhichIsNotLeftAgain() {
        cluster.announce = List.of(HOME, BACKUP);
        cluster.modes.put(HOME, Cluster.Mode.DOWN);
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME, BACKUP));
        assertThat(cluster.lastConnection(BACKUP).isClosed()).isFalse();
    }

    @Test
    void primaryServiceDiscoveryDownGoesToTheSecondary() {
        cluster.announce = List.of(HOME, BACKUP);
        cluster.modes.put(SD1, Cluster.Mode.DOWN);
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, SD2, HOME));
    }

    @Test
    void everyNodeDownFailsNamingEachUrlAndWhy() {
        cluster.announce = List.of(HOME, BACKUP);
        store().save(JULIET, HomeNodes.of(Cluster.url(HOME), Cluster.url(BACKUP))).block();
        for (String ip : List.of(SD1, SD2, HOME, BACKUP)) {
            cluster.modes.put(ip, Cluster.Mode.DOWN);
        }
        assertThatThrownBy(() -> connect(b -> { }))
            .isInstanceOf(FailoverExhaustedException.class)
            .hasMessage("could not connect to any of 4 URL(s) tried: "
                + "1. home http://10.0.0.3:7335/httpbinding: connection refused by 10.0.0.3; "
                + "2. backup http://10.0.0.4:7335/httpbinding: connection refused by 10.0.0.4; "
                + "3. primary http://10.0.0.1:7335/httpbinding: connection refused by 10.0.0.1; "
                + "4. secondary http://10.0.0.2:7335/httpbinding: connection refused by 10.0.0.2")
            .satisfies(e -> assertThat(((XmppException) e).isTransient()).isTrue());
    }

    @Test
    void aBindWithoutAnswerWithinBindRetryCountdownMovesToTheNextNode() {
        cluster.announce = List.of(HOME, BACKUP);
        cluster.modes.put(HOME, Cluster.Mode.SILENT_BIND);
        StepVerifier.withVirtualTime(() -> client(b -> b.bindRetryCountdown(Duration.ofSeconds(30))).build().connect(),
                () -> time, Long.MAX_VALUE)
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(29_999))
            .then(() -> assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME)))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(session -> assertThat(session.jid().domainpart()).isEqualTo("example.com"))
            .verifyComplete();
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME, BACKUP));
        assertThat(cluster.lastConnection(HOME).isClosed()).isTrue();
    }

    @Test
    void storedNodesAreUsedWithoutTheServiceDiscoveryHopUntilTheyExpire() {
        cluster.announce = List.of(HOME, BACKUP);
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));

        cluster.tried.clear();
        now = now.plus(Duration.ofHours(23));
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(HOME));

        cluster.tried.clear();
        now = now.plus(Duration.ofHours(24).plusSeconds(1));   // a day after the connect above refreshed them
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));
    }

    @Test
    void noHostnameMeansHighAvailabilityOffStayAndForgetTheStoredNodes() {
        store().save(JULIET, HomeNodes.of(Cluster.url(HOME), Cluster.url(BACKUP))).block();
        cluster.modes.put(HOME, Cluster.Mode.DOWN);
        cluster.modes.put(BACKUP, Cluster.Mode.DOWN);
        connect(b -> { });
        assertThat(cluster.tried).containsExactlyElementsOf(urls(HOME, BACKUP, SD1));
        assertThat(cluster.lastConnection(SD1).isClosed()).isFalse();
        assertThat(store().load(JULIET).blockOptional()).isEmpty();
    }

    @Test
    void aPlainListOfUrlsFailsOverWithoutServiceDiscovery() {
        cluster.modes.put(SD1, Cluster.Mode.DOWN);
        cluster.announce = List.of(HOME);    // ignored: no service discovery
        XmppSession session = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transports(cluster::transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .urls(Cluster.url(SD1), Cluster.url(SD2)).build().connect().block(Duration.ofSeconds(10));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, SD2));
        assertThat(session.states().take(4).last().block()).isEqualTo(connected(SD2));
    }

    @Test
    void anAuthenticationFailureStopsTheWalk() {
        cluster.announce = List.of(HOME, BACKUP);
        assertThatThrownBy(() -> XmppClient.builder().jid("juliet@example.com").password("wrong")
            .transports(cluster::transport).saslScheduler(Schedulers.immediate())
            .serviceDiscovery(CupServiceDiscovery.builder().primary(Cluster.url(SD1)).build())
            .build().connect().block(Duration.ofSeconds(10)))
            .isInstanceOf(org.reactorxmpp.xmpp.sasl.SaslException.class);
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));
    }

    /** The states from now on; RECONNECTING without its cause (the causes are checked in {@link #causes}). */
    private List<ConnectionState> record(XmppSession session) {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        session.stateChanges().map(s -> s.kind() != ConnectionState.Kind.RECONNECTING ? s
            : ConnectionState.reconnecting(s.attempt()).withUrl(s.url().orElse(null))).subscribe(states::add);
        return states;
    }

    /** The causes RECONNECTING states carry, from now on. */
    private List<Throwable> causes(XmppSession session) {
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        session.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .subscribe(s -> causes.add(s.cause().orElseThrow()));
        return causes;
    }

    private static Reconnect countdown10s() {
        return Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5);
    }

    private static ConnectionState reconnecting(int attempt, String ip) {
        return ConnectionState.reconnecting(attempt).withUrl(Cluster.url(ip));
    }

    private static List<ConnectionState> handshake(String ip) {
        return List.of(ConnectionState.CONNECTING.withUrl(Cluster.url(ip)),
            ConnectionState.AUTHENTICATING.withUrl(Cluster.url(ip)), ConnectionState.BINDING.withUrl(Cluster.url(ip)),
            connected(ip));
    }

    @Test
    void homeLostUnderALiveSessionTheSameSessionComesBackOnTheBackupWithQueuedStanzas() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(countdown10s()));
        List<ConnectionState> states = record(session);
        List<Throwable> causes = causes(session);

        cluster.modes.put(HOME, Cluster.Mode.DOWN);
        TransportException reset = new TransportException("connection reset", true);
        cluster.lastConnection(HOME).fail(reset);
        session.send(Message.builder().to(Jid.parse("romeo@example.net")).body("while away").build()).subscribe();
        assertThat(states).containsExactly(reconnecting(1, HOME));

        time.advanceTimeBy(Duration.ofMillis(9_999));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME, HOME, BACKUP));
        List<ConnectionState> expected = new java.util.ArrayList<>();
        expected.add(reconnecting(1, HOME));
        expected.add(ConnectionState.CONNECTING.withUrl(Cluster.url(HOME)));
        expected.add(reconnecting(2, BACKUP));
        expected.addAll(handshake(BACKUP));
        assertThat(states).containsExactlyElementsOf(expected);
        assertThat(cluster.lastServer(BACKUP).stanzas).extracting(e -> Message.of(e).body()).containsExactly("while away");
        // attempt 1 is about the loss, attempt 2 about attempt 1's failure
        assertThat(causes).hasSize(2);
        assertThat(causes.get(0)).isSameAs(reset);
        assertThat(causes.get(1)).isInstanceOf(TransportException.class).isNotSameAs(reset);
    }

    @Test
    void systemShutdownGoesStraightToTheNextNode() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(countdown10s()));
        List<ConnectionState> states = record(session);
        cluster.lastConnection(HOME).fail(new StreamErrorException(StreamError.of(StreamError.Condition.SYSTEM_SHUTDOWN)));
        time.advanceTimeBy(Duration.ofSeconds(11));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME, BACKUP));
        assertThat(states.get(0)).isEqualTo(reconnecting(1, BACKUP));
        assertThat(states.get(states.size() - 1)).isEqualTo(connected(BACKUP));
    }

    @Test
    void seeOtherHostIsFollowedToItsTarget() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(countdown10s()));
        List<ConnectionState> states = record(session);
        cluster.lastConnection(HOME).fail(new StreamErrorException(StreamError.seeOtherHost("10.0.0.9:5222")));
        time.advanceTimeBy(Duration.ofSeconds(11));
        // the port of a see-other-host names a TCP stream: the BOSH URL keeps its port and path
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME, "10.0.0.9"));
        assertThat(states.get(0)).isEqualTo(reconnecting(1, "10.0.0.9"));
        assertThat(states.get(states.size() - 1)).isEqualTo(connected("10.0.0.9"));
    }

    /** A transport error carrying a redirect, as a BOSH see-other-uri would. */
    static final class SeeOtherUri extends TransportException implements FailoverSignal.Carrier {
        private final URI target;

        SeeOtherUri(URI target) {
            super("see-other-uri " + target, true);
            this.target = target;
        }

        @Override
        public java.util.Optional<FailoverSignal> failoverSignal(URI current) {
            return java.util.Optional.of(FailoverSignal.redirect(target));
        }
    }

    @Test
    void aTransportRedirectIsFollowedWhetherCarriedOrReadBySignals() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(countdown10s()));
        cluster.lastConnection(HOME).fail(new SeeOtherUri(Cluster.url("10.0.0.8")));
        time.advanceTimeBy(Duration.ofSeconds(11));
        assertThat(cluster.tried).endsWith(Cluster.url("10.0.0.8"));

        cluster.tried.clear();
        URI elsewhere = Cluster.url("10.0.0.7");
        XmppSession other = connect(b -> b.reconnect(countdown10s()).failoverSignals(
            org.reactorxmpp.xmpp.failover.FailoverSignals.defaults().or((error, current) ->
                error.getMessage().contains("moved") ? java.util.Optional.of(FailoverSignal.redirect(elsewhere))
                    : java.util.Optional.empty())));
        cluster.lastConnection(HOME).fail(new TransportException("moved", true));
        time.advanceTimeBy(Duration.ofSeconds(11));
        assertThat(cluster.tried).containsExactly(Cluster.url(HOME), elsewhere);
        session.close().block(Duration.ofSeconds(1));
        other.close().block(Duration.ofSeconds(1));
    }

    @Test
    void conflictNeverReconnects() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(countdown10s()));
        StreamErrorException conflict = new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT));
        cluster.lastConnection(HOME).fail(conflict);
        time.advanceTimeBy(Duration.ofMinutes(5));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(SD1, HOME));
        StepVerifier.create(session.onClose()).expectErrorMatches(e -> e == conflict).verify(Duration.ofSeconds(1));
    }

    @Test
    void whenEveryNodeIsDownRoundsStartAgainFromTheServiceDiscoveryNodesWithBackoff() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = connect(b -> b.reconnect(
            Reconnect.backoff(Duration.ofSeconds(2), Duration.ofSeconds(60)).withRandom(() -> 0.5)));
        List<ConnectionState> states = record(session);
        for (String ip : List.of(SD1, SD2, HOME, BACKUP)) {
            cluster.modes.put(ip, Cluster.Mode.DOWN);
        }
        cluster.tried.clear();
        cluster.lastConnection(HOME).fail(new TransportException("connection reset", true));

        time.advanceTimeBy(Duration.ofSeconds(2));         // round 1: the whole list
        assertThat(cluster.tried).containsExactlyElementsOf(urls(HOME, BACKUP, SD1, SD2));
        assertThat(states.get(states.size() - 1)).as("round 2 announced, waiting").isEqualTo(reconnecting(5, SD1));
        time.advanceTimeBy(Duration.ofMillis(3_999));      // round 2 waits 4 s, then the SD nodes only
        assertThat(cluster.tried).hasSize(4);
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(cluster.tried).containsExactlyElementsOf(urls(HOME, BACKUP, SD1, SD2, SD1, SD2));

        cluster.modes.put(SD2, Cluster.Mode.UP);            // round 3 (8 s): SD2 answers and sends us home...
        cluster.modes.put(BACKUP, Cluster.Mode.UP);         // ...which is down: the backup
        time.advanceTimeBy(Duration.ofSeconds(8));
        assertThat(cluster.tried).containsExactlyElementsOf(
            urls(HOME, BACKUP, SD1, SD2, SD1, SD2, SD1, SD2, HOME, BACKUP));
        assertThat(states.get(states.size() - 1)).isEqualTo(connected(BACKUP));
        assertThat(states).filteredOn(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .extracting(ConnectionState::attempt).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(session.states().blockFirst(Duration.ofSeconds(1))).isNotNull();
    }

    @Test
    void builderNeedsATransportFactoryWithCandidatesAndNotBothKinds() {
        assertThatThrownBy(() -> XmppClient.builder().jid("juliet@example.com").password("x")
            .urls(Cluster.url(SD1)).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("transports");
        assertThatThrownBy(() -> XmppClient.builder().jid("juliet@example.com").password("x")
            .transport(cluster.transport(Cluster.url(SD1))).transports(cluster::transport).urls(Cluster.url(SD1)).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        XmppClient plain = XmppClient.builder().jid("juliet@example.com").password("x")
            .transports(cluster::transport).urls(Cluster.url(SD1)).build();
        assertThat(plain.transport()).isNull();
    }
}
