package org.reactorxmpp.bosh.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlWriter;

/**
 * Builds request bodies as bytes: an HTTP request body is written once and resent unchanged.
 */
final class BoshBodies {

    /** Namespace of the {@code <body/>} wrapper (XEP-0124). */
    static final String HTTPBIND_NS = "http://jabber.org/protocol/httpbind";
    /** Namespace of the XMPP-over-BOSH attributes (XEP-0206). */
    static final String XBOSH_NS = "urn:xmpp:xbosh";
    /** {@code xmpp:version}. */
    static final XmlName XMPP_VERSION = XmlName.of(XBOSH_NS, "version", "xmpp");
    /** {@code xmpp:restart}. */
    static final XmlName XMPP_RESTART = XmlName.of(XBOSH_NS, "restart", "xmpp");

    private static final byte[] CLOSE = "</body>".getBytes(StandardCharsets.US_ASCII);

    private BoshBodies() {
    }

    /**
     * The session creation request (XEP-0124 section 7.1, XEP-0206 section 5).
     *
     * @param settings the transport settings
     * @param open the stream header values
     * @param rid the first rid
     * @return the body
     */
    static XmlElement creation(BoshSettings settings, StreamOpen open, long rid) {
        XmlElement.Builder b = XmlElement.builder(HTTPBIND_NS, "body")
            .attribute("ack", settings.acks() ? "1" : null)
            .attribute("content", settings.content())
            .attribute("hold", settings.hold())
            .attribute("rid", rid)
            .attribute("to", open.to())
            .attribute("from", open.from().orElse(null))
            .attribute("route", settings.route())
            .attribute("ver", settings.version())
            .attribute("wait", settings.waitTime().toSeconds())
            .attribute(XmlName.XML_LANG, open.lang().orElse(null))
            .attribute(XMPP_VERSION, "1.0");
        return b.build();
    }

    /**
     * The start of an ordinary request.
     *
     * @param sid the session id
     * @param rid the request id
     * @return a builder for the body element (attributes may be added)
     */
    static XmlElement.Builder request(String sid, long rid) {
        return XmlElement.builder(HTTPBIND_NS, "body").attribute("rid", rid).attribute("sid", sid);
    }

    /**
     * A stream restart request (XEP-0206 section 5).
     *
     * @param sid the session id
     * @param rid the request id
     * @param open the stream header values
     * @return the body
     */
    static XmlElement restart(String sid, long rid, StreamOpen open) {
        return request(sid, rid)
            .attribute("to", open.to())
            .attribute(XmlName.XML_LANG, open.lang().orElse(null))
            .attribute(XMPP_RESTART, "true")
            .build();
    }

    /**
     * Serializes one payload element as the child of a {@code <body/>}.
     *
     * @param element the element
     * @return its bytes, with the namespace declarations it needs inside a body
     */
    static byte[] payload(XmlElement element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        XmlWriter.write(element, HTTPBIND_NS, out);
        return out.toByteArray();
    }

    /**
     * Serializes a body with pre-serialized payloads.
     *
     * @param body the body element, without children
     * @param payloads the children's bytes, from {@link #payload(XmlElement)}
     * @return the whole request body
     */
    static byte[] encode(XmlElement body, List<byte[]> payloads) {
        byte[] head = XmlWriter.toBytes(body);
        if (payloads.isEmpty()) {
            return head;
        }
        // head ends with "/>": reopen it as a start tag
        int size = head.length - 1 + CLOSE.length;
        for (byte[] p : payloads) {
            size += p.length;
        }
        byte[] out = Arrays.copyOf(head, size);
        int pos = head.length - 2;
        out[pos++] = '>';
        for (byte[] p : payloads) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        System.arraycopy(CLOSE, 0, out, pos, CLOSE.length);
        return out;
    }

    /**
     * @param body a received body
     * @return its {@code type} attribute, or {@code null}
     */
    static @Nullable String type(XmlElement body) {
        return body.attribute("type");
    }
}
