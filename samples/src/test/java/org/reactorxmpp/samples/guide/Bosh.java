package org.reactorxmpp.samples.guide;

import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.function.Consumer;

import javax.net.ssl.TrustManagerFactory;

import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.session.SessionHandoverException;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import reactor.core.publisher.Mono;

/** docs/bosh.md */
final class Bosh {

    private Bosh() {
    }

    static BoshTransport options() {
        // tag::options[]
        BoshTransport transport = BoshTransport.builder()
            .url(URI.create("https://example.com/http-bind"))
            .wait(Duration.ofSeconds(60))            // how long the connection manager may hold a request
            .hold(1)                                 // requests it may hold (the client keeps hold + 1 in flight)
            .maxRetries(5)                           // resends of a lost request (same rid, same bytes)
            .retryBackoff(Duration.ofMillis(250), Duration.ofSeconds(5))
            .compress(true)                          // gzip, when the connection manager accepts it
            .proxy("proxy.internal", 3128)           // HTTP CONNECT proxy
            .header("X-Tenant", "acme")              // an extra header on every request
            .build();
        // end::options[]
        return transport;
    }

    static BoshTransport tls(InputStream trustStore, char[] storePassword) throws java.io.IOException, GeneralSecurityException {
        // tag::tls[]
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(trustStore, storePassword);                    // a private CA or a self-signed certificate
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        BoshTransport transport = BoshTransport.builder()
            .url(URI.create("https://xmpp.internal:5281/http-bind"))
            .trustManager(trust)                                  // host name verification stays on
            .build();
        // end::tls[]
        return transport;
    }

    static BoshTransport seeOtherUri() {
        // tag::see-other-uri[]
        BoshTransport transport = BoshTransport.builder()
            .url(URI.create("https://www.example.co.uk/http-bind"))
            .followSeeOtherUri(true)         // the default: same host only, never https -> http
            .seeOtherUriSameSite(true)       // also chat.example.co.uk (needs com.google.guava:guava)
            .maxSeeOtherUriHops(3)
            .build();
        // end::see-other-uri[]
        return transport;
    }

    static Mono<TransportConnection> refused(BoshTransport transport) {
        // tag::see-other-uri-refused[]
        return transport.connect(StreamOpen.to("example.co.uk"))
            .doOnError(BoshException.class, e -> {
                if (e.condition() == BoshCondition.SEE_OTHER_URI) {
                    System.err.println("redirect refused: " + e.getMessage());   // says why (host, downgrade, loop)
                }
            });
        // end::see-other-uri-refused[]
    }

    static Mono<BoshSessionState> pauseAndDetach(TransportConnection connection, Consumer<BoshSessionState> store) {
        // tag::pause-detach[]
        // before a page reload or a process hand-over: keep the session on the server, export its state
        return BoshTransport.pause(connection, Duration.ofSeconds(60))   // fails when the server has no maxpause
            .then(BoshTransport.detach(connection))
            .doOnNext(store);                                            // sid, next rid, keys: persist it
        // end::pause-detach[]
    }

    static Mono<TransportConnection> attach(BoshTransport transport, BoshSessionState state) {
        // tag::attach[]
        // in the new page or process, within the pause: the requests in flight are resent first
        return transport.attach(state)
            .flatMap(connection -> BoshTransport.resume(connection).thenReturn(connection));
        // end::attach[]
    }

    static Mono<byte[]> sessionDetach(XmppSession session) {
        // tag::session-detach[]
        // process A (a rolling deploy, a rebalance): stop using the session, leave it online on the server
        return session.detach()                  // no unavailable presence, no terminate; states end DISCONNECTED(detached)
            .map(SessionHandover::toBytes);      // a credential: store it like a password
        // end::session-detach[]
    }

    static Mono<XmppSession> sessionAttach(XmppClient client, byte[] stored) {
        // tag::session-attach[]
        // process B, same account and a BOSH transport: no SASL, no bind, no initial presence
        return client.attach(SessionHandover.fromBytes(stored))
            .onErrorResume(SessionHandoverException.class, e ->
                e.reason() == SessionHandoverException.Reason.REJECTED
                    ? client.connect()                         // the server dropped it meanwhile: log in again
                    : Mono.error(e))
            .doOnNext(session -> session.messages().subscribe(m -> System.out.println(m.body())));
        // end::session-attach[]
    }

    static void checkpoints(XmppSession session, Consumer<byte[]> store) {
        // tag::session-checkpoints[]
        // crash takeover: a fresh handover each time a request goes out or a response is delivered
        session.checkpoints()
            .publishOn(reactor.core.scheduler.Schedulers.boundedElastic())   // store off the event loop
            .subscribe(handover -> store.accept(handover.toBytes()));        // latest wins
        // end::session-checkpoints[]
    }
}
