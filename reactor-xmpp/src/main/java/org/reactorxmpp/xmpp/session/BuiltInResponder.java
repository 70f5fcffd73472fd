package org.reactorxmpp.xmpp.session;

/**
 * The IQ responders a session registers by itself (chosen with
 * {@link XmppClient.Builder#responders(java.util.Set)}). Each one's namespace is advertised in
 * service discovery and entity caps only when it is enabled.
 */
public enum BuiltInResponder {
    /** XEP-0199 XMPP Ping: answers {@code urn:xmpp:ping} with an empty result. */
    PING("urn:xmpp:ping"),
    /** XEP-0202 Entity Time: answers {@code urn:xmpp:time} with the UTC time and the zone offset. */
    TIME("urn:xmpp:time"),
    /** XEP-0092 Software Version: answers {@code jabber:iq:version} with the configured name and version. */
    VERSION("jabber:iq:version"),
    /** XEP-0030 Service Discovery: answers {@code disco#info} with the identity and the features in use. */
    DISCO_INFO("http://jabber.org/protocol/disco#info");

    private final String namespace;

    BuiltInResponder(String namespace) {
        this.namespace = namespace;
    }

    /** @return the payload namespace it answers, which is also the feature it advertises */
    public String namespace() {
        return namespace;
    }
}
