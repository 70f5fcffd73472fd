package org.reactorxmpp.xmpp.stream;

/**
 * Namespace URIs of the XMPP core protocol (RFC 6120) used across the library.
 */
public final class Namespaces {

    /** Client stanzas: {@code jabber:client}. */
    public static final String CLIENT = "jabber:client";
    /** Stream elements (features, error): {@code http://etherx.jabber.org/streams}. */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** Stream error conditions. */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** Stanza error conditions. */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** SASL negotiation. */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** Resource binding. */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** Legacy session establishment (RFC 3921). */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** STARTTLS. */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";

    private Namespaces() {
    }
}
