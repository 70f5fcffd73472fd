package org.reactorxmpp.xmpp.sm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.testing.ScriptedConnection;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * A scripted server with XEP-0198 for unit tests: SASL PLAIN with any password, binding, {@code <enable/>},
 * counting of the client's stanzas, {@code <r/>} and {@code <a/>}, and {@code <resume/>} answered as the test
 * says ({@link ResumeAnswer}). Its session state (the count of the client's stanzas it handled, what it sent
 * and the client has not acknowledged) outlives connections, as a real server's does until it expires.
 */
final class SmServer implements Transport {

    static final String NS = StreamManagement.NAMESPACE;

    /** How the next {@code <resume/>} is answered. */
    enum ResumeAnswer {
        /** {@code <resumed h/>}, then the server's unacknowledged stanzas again. */
        RESUMED,
        /** {@code <failed><item-not-found/></failed>}: the server forgot the session. */
        FAILED_UNKNOWN,
        /** {@code <failed h/>}: the session expired, the server still knows its count. */
        FAILED_WITH_H,
        /** No answer at all (Prosody 0.12's mod_smacks on a BOSH session fails with a traceback). */
        SILENT,
        /**
         * {@code <resumed h/>}, but the first element the client writes afterwards is not read: the stream ends
         * with {@code not-well-formed} and the session is forgotten (Prosody 0.12 after a cut left an element
         * unfinished: it parses the resumed connection with the first connection's parser).
         */
        RESUMED_UNREAD
    }

    private final String boundJid;
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    /** Every stanza the server received after the logins, in order, across connections. */
    private final List<XmlElement> received = new CopyOnWriteArrayList<>();
    /** Every stream-management element the server received, in order. */
    private final List<XmlElement> control = new CopyOnWriteArrayList<>();
    private final List<XmlElement> outboundUnacked = new ArrayList<>();
    private volatile boolean offer = true;
    private volatile boolean refuseEnable;
    private volatile boolean answerRequests = true;
    private volatile ResumeAnswer resumeAnswer = ResumeAnswer.RESUMED;
    private volatile boolean counting;
    private volatile long handled;
    private long outboundAcked;
    private int binds;
    private int sessions;
    private final java.util.Set<ScriptedConnection> unread = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SmServer(String boundJid) {
        this.boundJid = boundJid;
    }

    void offer(boolean offer) {
        this.offer = offer;
    }

    void refuseEnable(boolean refuse) {
        this.refuseEnable = refuse;
    }

    /** @param answer whether the server answers {@code <r/>} at once (otherwise it stays silent) */
    void answerRequests(boolean answer) {
        this.answerRequests = answer;
    }

    void resumeAnswer(ResumeAnswer answer) {
        this.resumeAnswer = answer;
    }

    /** @return how many resources were bound (a resumed session binds none) */
    synchronized int binds() {
        return binds;
    }

    long handled() {
        return handled;
    }

    List<XmlElement> received() {
        return List.copyOf(received);
    }

    /** @return the bodies of the messages received, in order */
    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (XmlElement e : received) {
            if (e.localName().equals("message")) {
                bodies.add(e.childText(org.reactorxmpp.xmpp.xml.XmlName.of(Stanza.NAMESPACE, "body")));
            }
        }
        return bodies;
    }

    List<XmlElement> control() {
        return List.copyOf(control);
    }

    List<ScriptedConnection> connections() {
        return List.copyOf(connections);
    }

    ScriptedConnection last() {
        return connections.get(connections.size() - 1);
    }

    /** Sends the client a stanza, counted by the server's outbound side. */
    synchronized void push(XmlElement stanza) {
        if (counting) {
            outboundUnacked.add(stanza);
        }
        last().push(stanza);
    }

    /** Counts a stanza as sent to the client but loses it on the way (a cut): only a resume brings it. */
    synchronized void lose(XmlElement stanza) {
        outboundUnacked.add(stanza);
    }

    /** Pushes an element without counting it (an {@code <a/>} or {@code <r/>} of the test's choosing). */
    void pushRaw(XmlElement element) {
        last().push(element);
    }

    /** Forgets the session (a restart): the next resume fails with item-not-found. */
    synchronized void forget() {
        counting = false;
        outboundUnacked.clear();
        resumeAnswer = ResumeAnswer.FAILED_UNKNOWN;
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.fromSupplier(() -> {
            ScriptedConnection c = new ScriptedConnection(this::received, connection -> {
                XmlElement.Builder f = XmlElement.builder(Namespaces.STREAMS, "features")
                    .child(XmlElement.empty(Namespaces.BIND, "bind"));
                if (offer) {
                    f.child(XmlElement.empty(NS, "sm"));
                }
                connection.push(f.build());
            });
            connections.add(c);
            c.push(XmlElement.builder(Namespaces.STREAMS, "features").child(XmlElement.builder(Namespaces.SASL, "mechanisms")
                .textChild(Namespaces.SASL, "mechanism", "PLAIN").build()).build());
            return c;
        });
    }

    private synchronized void received(ScriptedConnection c, XmlElement e) {
        if (unread.remove(c)) {
            forget();
            c.drop(new StreamErrorException(StreamError.of(StreamError.Condition.NOT_WELL_FORMED)));
            return;
        }
        if (e.is(Namespaces.SASL, "auth")) {
            c.push(XmlElement.empty(Namespaces.SASL, "success"));
        } else if (e.is(Stanza.NAMESPACE, "iq") && e.element(Namespaces.BIND, "bind") != null) {
            binds++;
            counting = false;
            handled = 0;
            outboundUnacked.clear();
            c.push(Iq.of(e).resultWith(XmlElement.builder(Namespaces.BIND, "bind")
                .textChild(Namespaces.BIND, "jid", boundJid).build()).element());
        } else if (NS.equals(e.namespace())) {
            control.add(e);
            smElement(c, e);
        } else {
            received.add(e);
            if (counting) {
                handled = (handled + 1) & 0xFFFF_FFFFL;
            }
        }
    }

    private void smElement(ScriptedConnection c, XmlElement e) {
        switch (e.localName()) {
            case "enable":
                if (refuseEnable) {
                    c.push(XmlElement.builder(NS, "failed")
                        .child(XmlElement.empty(Namespaces.STANZA_ERRORS, "unexpected-request")).build());
                    return;
                }
                sessions++;
                counting = true;
                handled = 0;
                outboundAcked = 0;
                outboundUnacked.clear();
                c.push(XmlElement.builder(NS, "enabled").attribute("id", "sm-" + sessions)
                    .attribute("resume", "true").attribute("max", "300").build());
                return;
            case "r":
                if (answerRequests) {
                    c.push(answer());
                }
                return;
            case "a":
                ack(Long.parseLong(e.attribute("h")));
                return;
            case "resume":
                resume(c, e);
                return;
            default:
        }
    }

    private XmlElement answer() {
        return XmlElement.builder(NS, "a").attribute("h", Long.toString(handled)).build();
    }

    private void ack(long h) {
        long newly = (h - outboundAcked) & 0xFFFF_FFFFL;
        for (long i = 0; i < newly && !outboundUnacked.isEmpty(); i++) {
            outboundUnacked.remove(0);
        }
        outboundAcked = h;
    }

    private void resume(ScriptedConnection c, XmlElement e) {
        switch (resumeAnswer) {
            case RESUMED_UNREAD:
                unread.add(c);
                c.push(XmlElement.builder(NS, "resumed").attribute("previd", e.attribute("previd"))
                    .attribute("h", Long.toString(handled)).build());
                return;
            case RESUMED:
                ack(Long.parseLong(e.attribute("h")));
                c.push(XmlElement.builder(NS, "resumed").attribute("previd", e.attribute("previd"))
                    .attribute("h", Long.toString(handled)).build());
                List.copyOf(outboundUnacked).forEach(c::push);
                return;
            case SILENT:
                return;
            case FAILED_WITH_H:
                c.push(XmlElement.builder(NS, "failed").attribute("h", Long.toString(handled))
                    .child(XmlElement.empty(Namespaces.STANZA_ERRORS, "item-not-found")).build());
                counting = false;
                outboundUnacked.clear();
                return;
            default:
                c.push(XmlElement.builder(NS, "failed")
                    .child(XmlElement.empty(Namespaces.STANZA_ERRORS, "item-not-found")).build());
                counting = false;
                outboundUnacked.clear();
        }
    }

    /** @return the element of type {@code localName} the client sent last, or {@code null} */
    @Nullable XmlElement lastControl(String localName) {
        List<XmlElement> all = control();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).localName().equals(localName)) {
                return all.get(i);
            }
        }
        return null;
    }
}
