package org.reactorxmpp.xmpp.xml;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads XML documents into {@link XmlElement}s with Woodstox, secure by construction.
 * (API skeleton: the implementation lands with the reader work.)
 */
public final class XmlReader {

    private final XmlLimits limits;

    private XmlReader(XmlLimits limits) {
        this.limits = limits;
    }

    /** @return a reader with {@link XmlLimits#DEFAULTS} */
    public static XmlReader create() {
        return new XmlReader(XmlLimits.DEFAULTS);
    }

    /** @param limits the limits @return a reader */
    public static XmlReader create(XmlLimits limits) {
        return new XmlReader(limits);
    }

    /** @return the limits in force */
    public XmlLimits limits() {
        return limits;
    }

    /** @param in UTF-8 bytes of one document; not closed @return its root element */
    public XmlElement read(InputStream in) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @param bytes UTF-8 bytes of one document @return its root element */
    public XmlElement read(byte[] bytes) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @param buffer UTF-8 bytes of one document, from position to limit @return its root element */
    public XmlElement read(ByteBuffer buffer) {
        throw new UnsupportedOperationException("not yet");
    }
}
