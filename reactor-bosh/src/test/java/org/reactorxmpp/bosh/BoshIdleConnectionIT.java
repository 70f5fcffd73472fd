package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * An idle session keeps one socket: its held request's. Each session has two request slots with a keep-alive
 * connection each; at 10,000 sessions two sockets each exhausted a 20,000 open-file limit (benchmarks/RESULTS.md,
 * login 10000 of 2026-12-01), so the spare one closes after {@code idleConnectionTimeout}.
 */
@OnBothServers
class BoshIdleConnectionIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Parameter
    XmppTestServer server;

    @Test
    void anIdleSessionClosesItsSpareConnectionAndOpensItAgainWhenBusy() {
        BoshTransport transport = BoshTransport.builder().url(server.boshUrl()).wait(Duration.ofSeconds(30))
            .idleConnectionTimeout(Duration.ofSeconds(1)).build();
        TransportConnection c = transport.connect(StreamOpen.to(server.host())).block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is("http://etherx.jabber.org/streams", "features")).isTrue();
        int port = server.boshUrl().getPort();

        exchange(c, "q1");
        // Prosody: the query rode the spare slot while the other held a request, two sockets (the old code kept
        // both for the session's lifetime); ejabberd may already have closed one by now
        assertThat(connectionsTo(port)).isBetween(1, 2);
        awaitConnections(port, 1);

        // busy again: a slot without a connection opens a new one and the session goes on
        exchange(c, "q2");
        awaitConnections(port, 1);

        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    private void exchange(TransportConnection c, String id) {
        XmlElement query = XmlElement.builder("jabber:client", "iq").attribute("type", "get").attribute("id", id)
            .attribute("to", server.host()).child(XmlElement.empty("jabber:iq:register", "query")).build();
        StepVerifier.create(c.inbound().filter(e -> id.equals(e.attribute("id"))).next())
            .then(() -> c.send(query).subscribe())
            .assertNext(iq -> assertThat(iq.attribute("type")).isEqualTo("result"))
            .expectComplete()
            .verify(TIMEOUT);
    }

    /** Polls until the client holds {@code expected} sockets to the connection manager (at most 15 s). */
    private static void awaitConnections(int port, int expected) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(100)).map(tick -> connectionsTo(port))
                .filter(n -> n == expected).next())
            .expectNext(expected)
            .expectComplete()
            .verify(Duration.ofSeconds(15));
    }

    /** Established TCP connections from this machine to {@code port} (the client ends), from /proc/net. */
    static int connectionsTo(int port) {
        String remotePort = String.format(Locale.ROOT, "%04X", port);
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
                if (f[2].endsWith(":" + remotePort) && f[3].equals("01")) {
                    n++;
                }
            }
        }
        return n;
    }
}
