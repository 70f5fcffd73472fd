package org.reactorxmpp.xmpp.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * The {@code <stream:features/>} a server announced (RFC 6120 section 4.3.2), with typed access to
 * the ones the session negotiates and the element kept whole for everything else.
 *
 * <p>Cisco Unified Presence adds {@code <hostname/>} children to the SASL {@code <mechanisms/>}
 * feature to name the user's home and backup nodes; {@link #saslHostnames()} returns them in order.
 *
 * <pre>{@code
 * StreamFeatures features = StreamFeatures.from(element);
 * if (features.saslMechanisms().contains("SCRAM-SHA-1")) { ... }
 * }</pre>
 */
public final class StreamFeatures {

    private final XmlElement element;
    private final List<String> saslMechanisms;
    private final List<String> saslHostnames;

    private StreamFeatures(XmlElement element, List<String> saslMechanisms, List<String> saslHostnames) {
        this.element = element;
        this.saslMechanisms = saslMechanisms;
        this.saslHostnames = saslHostnames;
    }

    /**
     * Reads a features element.
     *
     * @param element a {@code features} element in the streams namespace
     * @return the features
     * @throws IllegalArgumentException when the element is not stream features
     */
    public static StreamFeatures from(XmlElement element) {
        Objects.requireNonNull(element, "element");
        if (!isFeatures(element)) {
            throw new IllegalArgumentException("not <stream:features/>: " + element.name());
        }
        List<String> mechanisms = new ArrayList<>();
        List<String> hostnames = new ArrayList<>();
        XmlElement m = element.element(Namespaces.SASL, "mechanisms");
        if (m != null) {
            m.elements().forEach(child -> {
                String text = child.text().trim();
                if (text.isEmpty()) {
                    return;
                }
                if (child.localName().equals("mechanism")) {
                    mechanisms.add(text);
                } else if (child.localName().equals("hostname")) {
                    hostnames.add(text);
                }
            });
        }
        return new StreamFeatures(element, Collections.unmodifiableList(mechanisms),
            Collections.unmodifiableList(hostnames));
    }

    /**
     * Whether an element is {@code <stream:features/>}.
     *
     * @param element any element
     * @return {@code true} for a features element in the streams namespace
     */
    public static boolean isFeatures(XmlElement element) {
        return element.is(Namespaces.STREAMS, "features");
    }

    /** @return the element as received */
    public XmlElement element() {
        return element;
    }

    /** @return the offered SASL mechanism names, in the server's order; empty when SASL is not offered */
    public List<String> saslMechanisms() {
        return saslMechanisms;
    }

    /** @return whether SASL authentication is offered */
    public boolean offersSasl() {
        return element.element(Namespaces.SASL, "mechanisms") != null;
    }

    /** @return CUP home/backup node hints carried in the mechanisms feature, first = home; empty if none */
    public List<String> saslHostnames() {
        return saslHostnames;
    }

    /** @return whether resource binding is offered */
    public boolean offersBind() {
        return element.element(Namespaces.BIND, "bind") != null;
    }

    /**
     * Whether legacy session establishment is required: offered and not marked {@code <optional/>}
     * (RFC 6121 dropped it; some servers still announce it).
     *
     * @return {@code true} when the client must send the session IQ after binding
     */
    public boolean requiresSession() {
        XmlElement s = element.element(Namespaces.SESSION, "session");
        return s != null && s.element(Namespaces.SESSION, "optional") == null;
    }

    /**
     * A feature by its namespace.
     *
     * @param namespace the feature element's namespace
     * @return the feature element, if offered
     */
    public Optional<XmlElement> feature(String namespace) {
        return element.elementIn(namespace);
    }

    @Override
    public String toString() {
        return "StreamFeatures" + element.elements().map(e -> e.localName() + "(" + e.namespace() + ")").toList();
    }
}
