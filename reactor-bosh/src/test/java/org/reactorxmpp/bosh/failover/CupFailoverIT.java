package org.reactorxmpp.bosh.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.FailoverExhaustedException;
import org.reactorxmpp.xmpp.failover.HomeNodes;
import org.reactorxmpp.xmpp.failover.JsonFileNodeStore;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * Cisco Unified Presence service discovery and home/backup failover against real Prosody nodes on
 * 127.0.0.1 (primary SD), 127.0.0.2 (home), 127.0.0.3 (backup) and 127.0.0.4 (secondary SD), all on
 * the same ports with the same accounts. Each runs the test module {@code mod_cup_hostnames}, which
 * adds {@code <hostname>127.0.0.2</hostname><hostname>127.0.0.3</hostname>} to the SASL mechanisms
 * feature as a CUP node does; {@code NodeUrls} makes them URLs on the same port and path.
 *
 * <p>Prosody only: the CUP behaviour is emulated by a Lua module loaded into Prosody ({@code plugin_paths});
 * ejabberd has no such hook without compiling an Erlang module into it.
 */
class CupFailoverIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SD1 = "127.0.0.1";
    private static final String HOME = "127.0.0.2";
    private static final String BACKUP = "127.0.0.3";
    private static final String SD2 = "127.0.0.4";

    private static final List<ProsodyServer> nodes = new CopyOnWriteArrayList<>();
    private static ProsodyServer sd1;
    private static ProsodyServer home;
    private static ProsodyServer backup;
    private static ProsodyServer sd2;

    @TempDir
    Path dir;

    private Instant now = Instant.now();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static ProsodyServer node(String address, ProsodyServer samePorts) {
        ProsodyServer.Builder b = ProsodyServer.builder().address(address)
            .pluginPath(pluginPath()).module("cup_hostnames")
            .extraConfig("cup_hostnames = { \"" + HOME + "\", \"" + BACKUP + "\" }")
            .users("user", 3, "secret");
        if (samePorts != null) {
            b.samePortsAs(samePorts);
        }
        ProsodyServer s = b.build();
        nodes.add(s);
        return s.start();
    }

    private static Path pluginPath() {
        try {
            return Path.of(CupFailoverIT.class.getResource("/prosody/mod_cup_hostnames.lua").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void startNodes() {
        sd1 = node(SD1, null);
        home = node(HOME, sd1);
        backup = node(BACKUP, sd1);
        sd2 = node(SD2, sd1);
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(ProsodyServer::close);
    }

    @BeforeEach
    void allUp() {
        for (ProsodyServer s : nodes) {
            if (!s.isRunning()) {
                s.start();
            }
        }
    }

    private static URI url(String ip) {
        return URI.create("http://" + ip + ":" + sd1.httpPort() + sd1.boshUrl().getPath());
    }

    private JsonFileNodeStore store() {
        return JsonFileNodeStore.builder(dir.resolve("cup-nodes.json")).expiry(Duration.ofHours(1)).clock(clock).build();
    }

    private XmppClient client(String user, Consumer<XmppClient.Builder> options) {
        XmppClient.Builder b = XmppClient.builder()
            .jid(user + "@" + sd1.host()).password("secret")
            .transports(u -> BoshTransport.builder().url(u).maxRetries(1)
                .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(200)).build())
            .serviceDiscovery(CupServiceDiscovery.builder().primary(url(SD1)).secondary(url(SD2)).store(store()).build())
            .connectTimeout(Duration.ofSeconds(10))
            .bindRetryCountdown(Duration.ofSeconds(10));
        options.accept(b);
        return b.build();
    }

    private static URI connectedUrl(XmppSession session) {
        return session.states().filter(s -> s.kind() == ConnectionState.Kind.CONNECTED).next()
            .flatMap(s -> Mono.justOrEmpty(s.url())).block(TIMEOUT);
    }

    @Test
    void connectingThroughTheServiceDiscoveryNodeEndsOnTheHomeNode() {
        XmppSession session = client("user1", b -> { }).connect().block(TIMEOUT);
        try {
            assertThat(connectedUrl(session)).isEqualTo(url(HOME));
            Iq pong = session.request(Iq.get(Jid.domain(sd1.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .block(TIMEOUT);
            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
            BareJid jid = Jid.parse("user1@" + sd1.host()).asBare();
            assertThat(store().load(jid).block(TIMEOUT)).isEqualTo(HomeNodes.of(url(HOME), url(BACKUP)));
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    @Test
    void homeNodeDownAtConnectGoesToTheBackup() {
        home.kill();
        XmppSession session = client("user1", b -> { }).connect().block(TIMEOUT);
        try {
            assertThat(connectedUrl(session)).isEqualTo(url(BACKUP));
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    @Test
    void primaryServiceDiscoveryDownGoesToTheSecondaryThenHome() {
        sd1.kill();
        XmppSession session = client("user1", b -> { }).connect().block(TIMEOUT);
        try {
            assertThat(connectedUrl(session)).isEqualTo(url(HOME));
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    @Test
    void everyNodeDownFailsWithAnErrorNamingEachUrl() {
        nodes.forEach(ProsodyServer::kill);
        assertThatThrownBy(() -> client("user1", b -> { }).connect().block(TIMEOUT))
            .isInstanceOf(FailoverExhaustedException.class)
            .hasMessageStartingWith("could not connect to any of 2 URL(s) tried: 1. primary " + url(SD1) + ": ")
            .hasMessageContaining("; 2. secondary " + url(SD2) + ": ")
            .satisfies(e -> assertThat(((FailoverExhaustedException) e).attempts())
                .extracting(a -> a.candidate().url()).containsExactly(url(SD1), url(SD2)));
    }

    @Test
    void storedNodesSkipTheServiceDiscoveryHopUntilTheEntryExpires() {
        client("user2", b -> { }).connect().flatMap(XmppSession::close).block(TIMEOUT);

        sd1.kill();
        sd2.kill();       // were the SD hop needed, nothing would answer
        XmppSession direct = client("user2", b -> { }).connect().block(TIMEOUT);
        assertThat(connectedUrl(direct)).isEqualTo(url(HOME));
        direct.close().block(TIMEOUT);

        now = now.plus(Duration.ofHours(2));
        assertThatThrownBy(() -> client("user2", b -> { }).connect().block(TIMEOUT))
            .as("the expired entry is not used: only the SD nodes are tried")
            .isInstanceOf(FailoverExhaustedException.class)
            .satisfies(e -> assertThat(((FailoverExhaustedException) e).attempts())
                .extracting(a -> a.candidate().url()).containsExactly(url(SD1), url(SD2)));
        sd1.start();
        XmppSession again = client("user2", b -> { }).connect().block(TIMEOUT);
        assertThat(connectedUrl(again)).as("through the SD node again, then home").isEqualTo(url(HOME));
        again.close().block(TIMEOUT);
    }

    @Test
    void homeKilledUnderALiveSessionTheClientIsBackOnTheBackupWithoutLosingAStanza() {
        Consumer<XmppClient.Builder> reconnect = b -> b.reconnect(
            Reconnect.backoff(Duration.ofMillis(250), Duration.ofSeconds(2)));
        XmppSession alice = client("user1", reconnect).connect().block(TIMEOUT);
        assertThat(connectedUrl(alice)).isEqualTo(url(HOME));
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        alice.states().subscribe(states::add);
        List<Message> aliceGot = new CopyOnWriteArrayList<>();
        alice.messages().subscribe(aliceGot::add);

        home.kill();

        alice.states().skipUntil(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .filter(s -> s.kind() == ConnectionState.Kind.CONNECTED).blockFirst(TIMEOUT);
        System.out.println("states across the failover: " + states);
        assertThat(states.get(states.size() - 1)).isEqualTo(ConnectionState.CONNECTED.withUrl(url(BACKUP)));
        assertThat(states).filteredOn(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .extracting(s -> s.url().orElseThrow()).contains(url(BACKUP));

        XmppSession bob = client("user3", b -> { }).connect().block(TIMEOUT);
        assertThat(connectedUrl(bob)).as("home is down: bob lands on the backup too").isEqualTo(url(BACKUP));
        List<Message> bobGot = new CopyOnWriteArrayList<>();
        bob.messages().subscribe(bobGot::add);
        Jid aliceJid = alice.jid();
        Jid bobJid = bob.jid();
        int n = 25;
        for (int i = 0; i < n; i++) {
            alice.send(Message.builder().to(bobJid).body("a" + i).build()).block(TIMEOUT);
            bob.send(Message.builder().to(aliceJid).body("b" + i).build()).block(TIMEOUT);
        }
        // a request from alice after the others: when its answer is in, the messages before it were routed
        alice.request(Iq.get(Jid.domain(sd1.host()), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        Mono.fromCallable(() -> bobGot.size() >= n && aliceGot.size() >= n)
            .filter(Boolean::booleanValue).repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(50)))
            .block(TIMEOUT);
        assertThat(bobGot).extracting(Message::body).containsExactlyElementsOf(bodies("a", n));
        assertThat(aliceGot).extracting(Message::body).containsExactlyElementsOf(bodies("b", n));
        bob.close().block(TIMEOUT);
        alice.close().block(TIMEOUT);
    }

    private static List<String> bodies(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
