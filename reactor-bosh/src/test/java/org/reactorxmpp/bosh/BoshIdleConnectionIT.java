package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.testing.FaultProxy;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * An idle session keeps one socket: its held request's. Each session has two request slots with a keep-alive
 * connection each; at 10,000 sessions two sockets each exhausted a 20,000 open-file limit (benchmarks/RESULTS.md,
 * login 10000 of 2026-12-01), so a slot unused for {@code idleConnectionTimeout} has its connection closed. The
 * sockets are counted on the client's side in {@code /proc/net/tcp}: through a proxy of the test's own for one
 * session (exactly its sockets), on the server's port for many.
 */
@OnBothServers
class BoshIdleConnectionIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration IDLE = Duration.ofSeconds(1);

    @Parameter
    XmppTestServer server;

    @Test
    void anIdleSessionClosesItsSpareConnectionAndConnectsAgainWhenBusy() throws IOException {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.httpPort())) {
            BoshTransport transport = BoshTransport.builder().url(proxy.rewrite(server.boshUrl()))
                .wait(Duration.ofSeconds(30)).idleConnectionTimeout(IDLE).build();
            TransportConnection c = transport.connect(StreamOpen.to(server.host())).block(TIMEOUT);
            assertThat(c.inbound().next().block(TIMEOUT).is("http://etherx.jabber.org/streams", "features")).isTrue();

            // a query sent while the session's empty request is held takes the other slot: a second connection.
            // The empty request follows the creation response (and every answered one) after a 20 ms linger, and a
            // query sent before it goes out in its place, on the same connection: so each try waits for a poll
            // (100 ms) first, and tries again if the query found no request held
            int accepted = proxy.accepted();
            for (int i = 0; i < 5 && proxy.accepted() == accepted; i++) {
                awaitConnections(proxy.port(), 1);
                exchange(c, "q" + i).block(TIMEOUT);
            }
            assertThat(proxy.accepted()).as("a second connection").isGreaterThan(accepted);
            // idle for 1 s: the spare connection is closed (the old code kept both for the session's lifetime)
            awaitConnections(proxy.port(), 1);

            // busy again: the slot without a connection opens a new one and the session goes on
            accepted = proxy.accepted();
            exchange(c, "again").block(TIMEOUT);
            assertThat(proxy.accepted()).isGreaterThan(accepted);
            awaitConnections(proxy.port(), 1);

            StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
            awaitConnections(proxy.port(), 0);
        }
    }

    /**
     * Many sessions, each busy once (two sockets) and then idle: one socket each. {@code -Dbosh.idleSessions=500}
     * measures more; the counts are printed.
     */
    @Test
    void manyIdleSessionsKeepOneSocketEach() {
        int n = Integer.getInteger("bosh.idleSessions", 50);
        Duration idle = Duration.parse(System.getProperty("bosh.idleConnectionTimeout", "PT2S"));
        int port = server.httpPort();
        int before = connectionsTo(port);
        long filesBefore = openFiles();
        BoshTransport transport = BoshTransport.builder().url(server.boshUrl()).wait(Duration.ofSeconds(30))
            .idleConnectionTimeout(idle).build();
        List<TransportConnection> sessions = Flux.range(0, n)
            .flatMap(i -> transport.connect(StreamOpen.to(server.host()))
                .flatMap(c -> c.inbound().next().thenReturn(c)), 16)
            .collectList()
            .block(Duration.ofMinutes(3));
        try {
            // one socket each so far; the first poll (100 ms) lets the last sessions' first empty requests go out,
            // so that each query takes a session's second slot (one sent before it would replace it)
            awaitAtMost(port, before + n, Duration.ofSeconds(5));
            Flux.range(0, n).flatMap(i -> exchange(sessions.get(i), "a" + i), 16).then().block(Duration.ofMinutes(2));
            int busy = connectionsTo(port) - before;
            long filesBusy = openFiles() - filesBefore;
            int idleSockets = awaitAtMost(port, before + n, idle.plusSeconds(20)) - before;
            long filesIdle = openFiles() - filesBefore;
            System.out.printf(Locale.ROOT, "BoshIdleConnectionIT %s: %d sessions, idleConnectionTimeout %s: client"
                    + " sockets to the server %d when busy, %d when idle; JVM open files +%d, then +%d%n", server.name(),
                n, idle, busy, idleSockets, filesBusy, filesIdle);
            assertThat(idleSockets).as("sockets of %d idle sessions", n).isLessThanOrEqualTo(n);

            // messages still flow: one more exchange on every session, then the sockets drop back
            Flux.range(0, n).flatMap(i -> exchange(sessions.get(i), "b" + i), 16).then().block(Duration.ofMinutes(2));
            assertThat(awaitAtMost(port, before + n, idle.plusSeconds(20)) - before).isLessThanOrEqualTo(n);
        } finally {
            Flux.fromIterable(sessions).flatMap(c -> c.close(null).onErrorResume(e -> Mono.empty()), 16).then()
                .block(Duration.ofMinutes(1));
        }
    }

    /** An iq the server answers (both allow in-band registration): completes once its result arrived. */
    private Mono<Void> exchange(TransportConnection c, String id) {
        XmlElement query = XmlElement.builder("jabber:client", "iq").attribute("type", "get").attribute("id", id)
            .attribute("to", server.host()).child(XmlElement.empty("jabber:iq:register", "query")).build();
        return Mono.zip(c.inbound().filter(e -> id.equals(e.attribute("id"))).next(), c.send(query).thenReturn(id))
            .timeout(TIMEOUT)
            .doOnNext(t -> assertThat(t.getT1().attribute("type")).as("answer to %s", id).isEqualTo("result"))
            .then();
    }

    /** Polls until the client holds {@code expected} sockets to {@code port} (at most 15 s). */
    private static void awaitConnections(int port, int expected) {
        // reading /proc blocks: on a scheduler where that is allowed
        StepVerifier.create(Flux.interval(Duration.ofMillis(100), Schedulers.boundedElastic())
                .map(tick -> connectionsTo(port)).filter(n -> n == expected).next())
            .expectNext(expected)
            .expectComplete()
            .verify(Duration.ofSeconds(15));
    }

    /** Polls until at most {@code limit} sockets to {@code port} are open, or {@code bound} passed: the last count. */
    private static int awaitAtMost(int port, int limit, Duration bound) {
        Integer reached = Flux.interval(Duration.ofMillis(100), Schedulers.boundedElastic())
            .map(tick -> connectionsTo(port)).filter(n -> n <= limit).next()
            .timeout(bound, Mono.empty())
            .block(bound.plusSeconds(5));
        return reached != null ? reached : connectionsTo(port);
    }

    /** Established TCP connections from this machine to {@code port} (the client ends), from /proc/net. */
    static int connectionsTo(int port) {
        String remotePort = String.format(Locale.ROOT, ":%04X", port);
        int n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[2] is rem_address:port, f[3] the state (01 = ESTABLISHED)
                if (f[2].endsWith(remotePort) && f[3].equals("01")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** @return the file descriptors this JVM holds open */
    static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
