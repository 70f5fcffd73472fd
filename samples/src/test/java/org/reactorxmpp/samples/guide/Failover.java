package org.reactorxmpp.samples.guide;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.NodeStore;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;

/** docs/failover.md */
final class Failover {

    private Failover() {
    }

    static XmppClient cup(char[] password) {
        // tag::cup[]
        CupServiceDiscovery cup = CupServiceDiscovery.builder()
            .primary(URI.create("https://sd1.example.com:7335/httpbinding"))     // CAXL httpBindingURL
            .secondary(URI.create("https://sd2.example.com:7335/httpbinding"))   // httpBindingURL_secondary
            .store(NodeStore.jsonFile(Path.of("cup-nodes.json"), Duration.ofDays(7)))  // learned home/backup nodes
            .build();
        XmppClient client = XmppClient.builder()
            .jid("alice@example.com")
            .password(password)
            .transports(url -> BoshTransport.builder().url(url).build())   // one transport per candidate URL
            .serviceDiscovery(cup)
            .reconnect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)))
            .build();
        // end::cup[]
        return client;
    }

    static XmppClient plain(char[] password) {
        // tag::urls[]
        XmppClient client = XmppClient.builder()
            .jid("alice@example.com")
            .password(password)
            .transports(url -> BoshTransport.builder().url(url).build())
            .urls(URI.create("https://xmpp1.example.com/http-bind"),      // tried first
                  URI.create("https://xmpp2.example.com/http-bind"))      // then this one
            .reconnect(Reconnect.countdown(Duration.ofSeconds(10)))       // CAXL baseReconnectCountdown
            .build();
        // end::urls[]
        return client;
    }
}
