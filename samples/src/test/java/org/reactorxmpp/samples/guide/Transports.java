package org.reactorxmpp.samples.guide;

import java.net.URI;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** docs/transports.md */
final class Transports {

    private Transports() {
    }

    static XmppClient perUrl(char[] password) {
        // tag::per-url[]
        XmppClient client = XmppClient.builder()
            .jid("alice@example.com")
            .password(password)
            .transports(Transports::forUrl)            // one transport per candidate URL (failover, CUP)
            .urls(URI.create("https://xmpp1.example.com/http-bind"), URI.create("https://xmpp2.example.com/http-bind"))
            .build();
        // end::per-url[]
        return client;
    }

    // tag::for-url[]
    static Transport forUrl(URI url) {
        return switch (url.getScheme()) {
            case "http", "https" -> BoshTransport.builder().url(url).build();
            default -> throw new IllegalArgumentException("no transport for " + url);
        };
    }
    // end::for-url[]

    static BoshTransport sharedPool() {
        // tag::shared-pool[]
        // thousands of sessions: one pool, sized for (hold + 1) connections per session
        HttpClient http = HttpClient.create(ConnectionProvider.builder("xmpp").maxConnections(4096).build());
        BoshTransport transport = BoshTransport.builder()
            .url(URI.create("https://example.com/http-bind"))
            .httpClient(http)
            .build();
        // end::shared-pool[]
        return transport;
    }
}
