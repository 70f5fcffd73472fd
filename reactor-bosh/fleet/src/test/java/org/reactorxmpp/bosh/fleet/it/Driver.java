package org.reactorxmpp.bosh.fleet.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The test's own XMPP session (in the test JVM): pings the fleet's bots by full JID and sends them messages, and
 * counts the echoes by body, so that a lost or duplicated message shows.
 */
final class Driver implements AutoCloseable {

    private final XmppSession session;
    private final Map<String, AtomicInteger> echoes = new ConcurrentHashMap<>();

    private Driver(XmppSession session) {
        this.session = session;
        session.messages()
            .filter(m -> m.body() != null && m.body().startsWith("echo "))
            .subscribe(m -> echoes.computeIfAbsent(m.body().substring(5), k -> new AtomicInteger()).incrementAndGet(),
                e -> { });
    }

    static Driver login(XmppTestServer server, String localpart) {
        XmppSession session = XmppClient.builder()
            .jid(localpart + "@" + server.host())
            .password(XmppTestServer.ACCOUNT_PASSWORD)
            .transport(BoshTransport.builder().url(server.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .requestTimeout(Duration.ofSeconds(90))
            .build()
            .connect()
            .block(Duration.ofSeconds(60));
        return new Driver(session);
    }

    static FullJid bot(String account) {
        return Jid.parse(account).asBare().withResource(MemberMain.RESOURCE);
    }

    /**
     * @return the number of bots that did not answer a ping (error or timeout); when the whole round does not end
     *     within {@code timeout} plus 30 s, every ping not answered by then counts as failed
     */
    int pingAll(List<String> accounts, Duration timeout) {
        AtomicInteger answered = new AtomicInteger();
        try {
            Flux.fromIterable(accounts)
                .flatMap(a -> session.request(Iq.get(bot(a), XmlElement.empty("urn:xmpp:ping", "ping")), timeout)
                    .filter(r -> r.type() == Iq.Type.RESULT)
                    .doOnNext(r -> answered.incrementAndGet())
                    .onErrorResume(e -> Mono.empty()), 64)
                .blockLast(timeout.plusSeconds(30));
        } catch (IllegalStateException e) {
            System.out.println("FleetIT: a ping round did not end in time: " + e.getMessage());
        }
        return accounts.size() - answered.get();
    }

    /** Sends {@code m:TAG:ACCOUNT} to every bot; returns the bodies sent (what the echoes must match). */
    List<String> sendAll(List<String> accounts, String tag) {
        List<String> bodies = accounts.stream().map(a -> tag + ":" + a).toList();
        Flux.fromIterable(bodies)
            .flatMap(b -> session.send(Message.builder().to(bot(b.substring(tag.length() + 1))).body("m:" + b).build()),
                64)
            .blockLast(Duration.ofSeconds(60));
        return bodies;
    }

    /** @return how often the echo of {@code m:BODY} arrived */
    int echoes(String body) {
        AtomicInteger n = echoes.get("m:" + body);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        session.close().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(20));
    }
}
