package org.reactorxmpp.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** docs/testing.md: the guide's example of a unit test on top of a real session, run as it is shown. */
class TestingGuideTest {

    /** The code under test: counts the items of the user's roster. */
    static Mono<Integer> rosterSize(XmppSession session) {
        return session.request(Iq.get(null, XmlElement.empty("jabber:iq:roster", "query")))
            .map(result -> result.element().element("jabber:iq:roster", "query").elements().toList().size());
    }

    // tag::scripted[]
    @Test
    void countsTheRosterItems() {
        ScriptedTransport server = ScriptedTransport.builder("juliet@example.com/balcony")   // binds this JID
            .expectIq("jabber:iq:roster")                                                  // the client must ask
            .thenRespond(ScriptedTransport.result(XmlElement.builder("jabber:iq:roster", "query")
                .child(XmlElement.builder("jabber:iq:roster", "item").attribute("jid", "romeo@example.net").build())
                .child(XmlElement.builder("jabber:iq:roster", "item").attribute("jid", "nurse@example.com").build())
                .build()))
            .build();
        XmppClient client = XmppClient.builder().jid("juliet@example.com").password("any").transport(server).build();

        StepVerifier.create(client.withSession(TestingGuideTest::rosterSize))   // the code under test
            .expectNext(2)
            .verifyComplete();
        server.verify();                            // every expectation met, nothing unexpected sent
    }
    // end::scripted[]

    @Test
    void theScriptFailsWhenTheClientSendsSomethingElse() {
        ScriptedTransport server = ScriptedTransport.builder("juliet@example.com/balcony")
            .expectIq("jabber:iq:private").thenRespond(ScriptedTransport.result(null))
            .build();
        XmppClient client = XmppClient.builder().jid("juliet@example.com").password("any").transport(server).build();

        StepVerifier.create(client.withSession(session -> rosterSize(session).timeout(Duration.ofMillis(300))
                .onErrorResume(e -> Mono.just(-1))))
            .expectNext(-1)
            .verifyComplete();
        List<XmlElement> sent = server.stanzas();
        assertThat(sent).anyMatch(e -> e.element("jabber:iq:roster", "query") != null);
        org.assertj.core.api.Assertions.assertThatThrownBy(server::verify).isInstanceOf(AssertionError.class);
    }
}
