package org.reactorxmpp.bosh.internal;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** What the scripted connection managers and wire tests of other packages read from the package-private internals. */
public final class BoshWireAccess {

    /** Namespace of the {@code <body/>} wrapper (XEP-0124). */
    public static final String HTTPBIND_NS = BoshBodies.HTTPBIND_NS;
    /** {@code xmpp:version}. */
    public static final XmlName XMPP_VERSION = BoshBodies.XMPP_VERSION;
    /** {@code xmpp:restart}. */
    public static final XmlName XMPP_RESTART = BoshBodies.XMPP_RESTART;

    private BoshWireAccess() {
    }

    /** @return the bytes the transport sends for {@code element} inside a body */
    public static byte[] payload(XmlElement element) {
        return BoshBodies.payload(element);
    }

    /** @return the lower-case hex SHA-1 of {@code text} (XEP-0124 section 15 keys) */
    public static String sha1Hex(String text) {
        return BoshKeys.sha1Hex(text);
    }
}
