package org.reactorxmpp.samples.guide;

import java.net.URI;
import java.time.Duration;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** docs/getting-started.md */
final class GettingStarted {

    private GettingStarted() {
    }

    static XmppClient client(URI boshUrl, String jid, String password) {
        // tag::client[]
        XmppClient client = XmppClient.builder()
            .jid(jid)                                            // alice@example.com
            .password(password)
            .transport(BoshTransport.builder().url(boshUrl).build())  // https://example.com/http-bind
            .build();
        // end::client[]
        return client;
    }

    static Flux<Void> echo(XmppClient client) {
        // tag::echo[]
        return client.connect()                                 // Mono<XmppSession>: nothing happens until subscribed
            .flatMapMany(session -> session.messages()          // hot Flux of inbound messages
                .filter(m -> m.body() != null)
                .flatMap(m -> session.send(Message.builder().to(m.from()).type(m.type())
                    .body("echo: " + m.body()).build())));
        // end::echo[]
    }

    static Mono<Iq> ping(XmppClient client) {
        // tag::ping[]
        XmlElement ping = XmlElement.empty("urn:xmpp:ping", "ping");
        return client.withSession(session ->                    // connect, do this, then close
            session.request(Iq.get(Jid.domain(session.jid().domainpart()), ping), Duration.ofSeconds(10)));
        // end::ping[]
    }

    static Mono<Void> sendOne(XmppSession session, Jid to) {
        // tag::send[]
        Message hello = Message.builder().to(to).type(Message.Type.CHAT).body("Hello").build();
        return session.send(hello);                             // completes once written to the transport
        // end::send[]
    }
}
