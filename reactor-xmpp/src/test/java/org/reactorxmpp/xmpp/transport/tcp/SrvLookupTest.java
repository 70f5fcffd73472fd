package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.publisher.Mono;

/** DNS SRV lookup for TCP (RFC 6120 section 3.2, XEP-0368), with a stub resolver: no DNS traffic, loopback only. */
class SrvLookupTest {

    private static SrvResolver.Record srv(int priority, int weight, int port, String target) {
        return new SrvResolver.Record(priority, weight, port, target);
    }

    @Test
    void recordsAreTriedByPriorityThenWeightDirectTlsFirstOnATie() {
        List<SrvCandidates.Candidate> order = SrvCandidates.order(
            List.of(srv(10, 0, 5223, "tls.example.com"), srv(5, 0, 443, "tls443.example.com")),
            List.of(srv(10, 0, 5222, "plain.example.com"), srv(5, 10, 5222, "heavy.example.com"), srv(20, 0, 5222, ".")),
            "example.com", 5222);
        assertThat(order).containsExactly(
            new SrvCandidates.Candidate("heavy.example.com", 5222, false),
            new SrvCandidates.Candidate("tls443.example.com", 443, true),
            new SrvCandidates.Candidate("tls.example.com", 5223, true),
            new SrvCandidates.Candidate("plain.example.com", 5222, false));
    }

    @Test
    void withoutRecordsTheDomainItselfOnTheDefaultPort() {
        assertThat(SrvCandidates.order(List.of(), List.of(), "example.com", 5222))
            .containsExactly(new SrvCandidates.Candidate("example.com", 5222, false));
    }

    @Test
    void onlyDotTargetsSayTheServiceIsNotOffered() {
        assertThatThrownBy(() -> SrvCandidates.order(List.of(), List.of(srv(0, 0, 0, ".")), "example.com", 5222))
            .isInstanceOf(TransportException.class).hasMessageContaining("not offered at example.com");
    }

    @Test
    void jndiRecordsAreParsedWithoutTheTrailingDot() {
        assertThat(JndiSrvResolver.parse("10 5 5222 xmpp.example.com."))
            .isEqualTo(srv(10, 5, 5222, "xmpp.example.com"));
    }

    @Test
    void theTransportConnectsToTheFirstRecordThatAnswersAndNamesTheXmppDomainInTheStream() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, loopback)) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, 0));
            String host = loopback.getHostAddress();
            List<String> asked = new CopyOnWriteArrayList<>();
            Map<String, List<SrvResolver.Record>> zone = Map.of(
                "_xmpp-client._tcp.example.com", List.of(srv(0, 0, closed, host), srv(1, 0, server.getLocalPort(), host)));
            SrvResolver stub = name -> Mono.fromSupplier(() -> {
                asked.add(name);
                return zone.getOrDefault(name, List.of());
            });
            CompletableFuture<String> header = new CompletableFuture<>();
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOneStream(server, header));

            TransportConnection c = TcpTransport.builder().srv(stub).security(TcpTransport.Security.NONE).build()
                .connect(StreamOpen.to("example.com")).block(Duration.ofSeconds(10));

            assertThat(asked).containsExactlyInAnyOrder("_xmpps-client._tcp.example.com", "_xmpp-client._tcp.example.com");
            assertThat(header.get(10, TimeUnit.SECONDS)).contains("to='example.com'");
            c.close(null).onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
            served.get(10, TimeUnit.SECONDS);
        }
    }

    /** Accepts one connection, reads the client's stream header, answers with ours, closes when the client does. */
    private static void serveOneStream(ServerSocket server, CompletableFuture<String> seen) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            StringBuilder header = new StringBuilder();
            while (!header.toString().contains("<stream:stream") || header.charAt(header.length() - 1) != '>') {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                header.append((char) b);
            }
            seen.complete(header.toString());
            OutputStream out = s.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.com' version='1.0'>"
                + "<stream:features/>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder rest = new StringBuilder();
            int b;
            while (!rest.toString().endsWith("</stream:stream>") && (b = in.read()) >= 0) {
                rest.append((char) b);
            }
            out.write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
