package org.reactorxmpp.xmpp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * A scripted in-memory {@link Transport} for unit tests of code on top of a real session: it plays
 * the server side of the login (SASL PLAIN with any password, then resource binding to the JID it
 * was built with), then checks the stanzas the client sends against an ordered list of
 * expectations and pushes the scripted responses. Stanzas the script ignores (by default the
 * client's initial presence) are only recorded. Each connect opens a new
 * {@link ScriptedConnection}; the expectations carry on across connections, so a reconnect can be
 * scripted too.
 *
 * <pre>{@code
 * ScriptedTransport transport = ScriptedTransport.builder("juliet@example.com/balcony")
 *     .expect("roster get", iq -> iq.element("jabber:iq:roster", "query") != null)
 *     .thenRespond(ScriptedTransport.result(XmlElement.empty("jabber:iq:roster", "query")))
 *     .build();
 * XmppSession session = XmppClient.builder().jid("juliet@example.com").password("any")
 *     .transport(transport).build().connect().block();
 * ... // exercise the code under test
 * transport.verify();   // every expectation met, nothing unexpected sent
 * }</pre>
 */
public final class ScriptedTransport implements Transport {

    private final String boundJid;
    private final ConcurrentLinkedQueue<Expectation> expectations;
    private final Predicate<XmlElement> ignored;
    private volatile List<XmlElement> streamFeatures;
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<XmlElement> stanzas = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private ScriptedTransport(Builder b) {
        this.boundJid = b.boundJid;
        this.expectations = new ConcurrentLinkedQueue<>(b.expectations);
        this.ignored = b.ignored;
        this.streamFeatures = List.copyOf(b.streamFeatures);
    }

    /**
     * @param features the stream features, besides {@code bind}, that connections opened from now on
     *     announce after authentication (as a reconnect landing on another server would see)
     */
    public void streamFeatures(XmlElement... features) {
        this.streamFeatures = List.of(features);
    }

    /**
     * @param boundJid the full JID the scripted server binds, for example {@code juliet@example.com/balcony}
     * @return a builder
     */
    public static Builder builder(String boundJid) {
        return new Builder(boundJid);
    }

    /**
     * @param payload the payload of the result, or {@code null}
     * @return a response: the {@code result} IQ answering the received request
     */
    public static Function<XmlElement, List<XmlElement>> result(@Nullable XmlElement payload) {
        return request -> List.of(Iq.of(request).resultWith(payload).element());
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.fromSupplier(() -> {
            List<XmlElement> announced = streamFeatures;
            ScriptedConnection c = new ScriptedConnection(this::received, connection -> {
                XmlElement.Builder f = XmlElement.builder(Namespaces.STREAMS, "features")
                    .child(XmlElement.empty(Namespaces.BIND, "bind"));
                announced.forEach(f::child);
                connection.push(f.build());
            });
            connections.add(c);
            c.push(features(XmlElement.builder(Namespaces.SASL, "mechanisms")
                .textChild(Namespaces.SASL, "mechanism", "PLAIN").build()));
            return c;
        });
    }

    /** @return the connections opened so far, the first first */
    public List<ScriptedConnection> connections() {
        return List.copyOf(connections);
    }

    /** @return the connection opened last */
    public ScriptedConnection last() {
        if (connections.isEmpty()) {
            throw new IllegalStateException("no connection was opened");
        }
        return connections.get(connections.size() - 1);
    }

    /** @param stanza pushed to the client on the last connection, as if the server sent it */
    public void push(Stanza stanza) {
        last().push(stanza.element());
    }

    /** @return the stanzas the client sent after the logins, in order, ignored ones included */
    public List<XmlElement> stanzas() {
        return List.copyOf(stanzas);
    }

    /** @throws AssertionError when an expectation was not met or a stanza was not expected */
    public void verify() {
        List<String> all = new ArrayList<>(problems);
        for (Expectation e : expectations) {
            all.add("expected but not sent: " + e.description);
        }
        if (!all.isEmpty()) {
            throw new AssertionError(String.join("\n", all));
        }
    }

    private static XmlElement features(XmlElement child) {
        return XmlElement.builder(Namespaces.STREAMS, "features").child(child).build();
    }

    /** The server side: login, then the script. */
    private void received(ScriptedConnection c, XmlElement e) {
        if (e.is(Namespaces.SASL, "auth")) {
            c.push(XmlElement.empty(Namespaces.SASL, "success"));
        } else if (e.is(Stanza.NAMESPACE, "iq") && e.element(Namespaces.BIND, "bind") != null) {
            c.push(Iq.of(e).resultWith(XmlElement.builder(Namespaces.BIND, "bind")
                .textChild(Namespaces.BIND, "jid", boundJid).build()).element());
        } else {
            stanzas.add(e);
            Expectation next = expectations.peek();
            if (next != null && next.matcher.test(e)) {
                expectations.poll();
                next.response.apply(e).forEach(c::push);
            } else if (!ignored.test(e)) {
                problems.add("not expected" + (next == null ? "" : " (waiting for: " + next.description + ")")
                    + ": " + e);
            }
        }
    }

    private record Expectation(String description, Predicate<XmlElement> matcher,
                               Function<XmlElement, List<XmlElement>> response) {
    }

    /** Builds a {@link ScriptedTransport}. */
    public static final class Builder {

        private final String boundJid;
        private final List<Expectation> expectations = new ArrayList<>();
        private final List<XmlElement> streamFeatures = new ArrayList<>();
        private Predicate<XmlElement> ignored = e -> e.is(Stanza.NAMESPACE, "presence") && e.attribute("to") == null
            && e.attribute("type") == null;

        private Builder(String boundJid) {
            this.boundJid = Objects.requireNonNull(boundJid, "boundJid");
        }

        /**
         * @param description what is expected, for the failure message
         * @param matcher whether a sent stanza is it
         * @return the step that says what the server answers
         */
        public Step expect(String description, Predicate<XmlElement> matcher) {
            return new Step(description, matcher);
        }

        /**
         * @param namespace the payload namespace of an expected {@code get} or {@code set} IQ
         * @return the step that says what the server answers
         */
        public Step expectIq(String namespace) {
            return expect("an iq with a " + namespace + " payload", e -> e.is(Stanza.NAMESPACE, "iq")
                && e.children().stream().anyMatch(child -> child instanceof XmlElement x && namespace.equals(x.namespace())));
        }

        /**
         * @param filter stanzas that are only recorded when no expectation matches them; default:
         *     the initial (available, undirected) presence
         * @return this builder
         */
        public Builder ignoring(Predicate<XmlElement> filter) {
            this.ignored = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * @param feature a stream feature, besides {@code bind}, announced after authentication, for
         *     example {@code XmlElement.empty("urn:xmpp:features:rosterver", "ver")}
         * @return this builder
         */
        public Builder streamFeature(XmlElement feature) {
            streamFeatures.add(Objects.requireNonNull(feature, "feature"));
            return this;
        }

        /** @return the transport */
        public ScriptedTransport build() {
            return new ScriptedTransport(this);
        }

        /** An expectation waiting for its response. */
        public final class Step {
            private final String description;
            private final Predicate<XmlElement> matcher;

            private Step(String description, Predicate<XmlElement> matcher) {
                this.description = description;
                this.matcher = matcher;
            }

            /**
             * @param response the elements the server pushes when the expected stanza arrives
             * @return the builder
             */
            public Builder thenRespond(Function<XmlElement, List<XmlElement>> response) {
                expectations.add(new Expectation(description, matcher, response));
                return Builder.this;
            }

            /** @return the builder; the server answers nothing */
            public Builder thenNothing() {
                return thenRespond(e -> List.of());
            }
        }
    }
}
