package org.reactorxmpp.im.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Real sessions over the test-jar's {@link ScriptedTransport}, for reactor-im's unit tests: the session
 * under test is the one applications get, only the server is scripted.
 *
 * <pre>{@code
 * ScriptedTransport server = ScriptedTransport.builder("juliet@example.com/balcony").ignoring(e -> true).build();
 * XmppSession session = ScriptedSessions.connect(server, FullJid.parse("juliet@example.com/balcony"));
 * Iq reply = ScriptedSessions.deliver(server, rosterPush);
 * }</pre>
 */
public final class ScriptedSessions {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ScriptedSessions() {
    }

    /** Connects without an initial presence, so that what the code under test sends is all there is. */
    public static XmppSession connect(ScriptedTransport server, FullJid me) {
        return XmppClient.builder().jid(me.toString()).password("any").transport(server)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .build().connect().block(TIMEOUT);
    }

    /**
     * Pushes a request IQ from the server and waits (test code only) for the session's reply.
     *
     * @return the {@code result} or {@code error} the client sent with the request's id
     */
    public static Iq deliver(ScriptedTransport server, Iq request) {
        int before = server.stanzas().size();
        server.push(request);
        return Flux.interval(Duration.ZERO, Duration.ofMillis(5))
            .map(i -> reply(server.stanzas(), before, request.id()))
            .filter(Optional::isPresent).map(Optional::get)
            .next().block(TIMEOUT);
    }

    private static Optional<Iq> reply(List<XmlElement> sent, int from, String id) {
        return sent.subList(from, sent.size()).stream()
            .filter(e -> e.is(Stanza.NAMESPACE, "iq") && id.equals(e.attribute("id")))
            .map(Iq::of).findFirst();
    }

    /** @return the stanzas the client sent after the login, decoded */
    public static List<Stanza> sent(ScriptedTransport server) {
        return server.stanzas().stream().map(Stanza::of).toList();
    }
}
